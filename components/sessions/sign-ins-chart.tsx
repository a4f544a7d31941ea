/** Sign-ins per UTC day as bars (theme tokens only); each bar carries its count for screen readers. */
export function SignInsChart({ days }: { days: { day: string; count: number }[] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  return (
    <figure className="grid gap-2" data-testid="sign-ins-chart">
      <ol className="flex h-40 items-end gap-1" aria-label="Sign-ins per day">
        {days.map((d) => (
          <li
            key={d.day}
            className="flex h-full flex-1 flex-col items-center justify-end gap-1"
            data-testid="sign-ins-day"
            data-day={d.day}
            data-count={d.count}
            title={`${d.day}: ${d.count} sign-in${d.count === 1 ? "" : "s"}`}
          >
            <span className="text-xs text-muted-foreground">{d.count > 0 ? d.count : ""}</span>
            <span
              className="w-full rounded-t-sm bg-primary"
              style={{ height: `${(d.count / max) * 100}%`, minHeight: d.count > 0 ? 2 : 0 }}
            />
            <span className="sr-only">
              {d.day}: {d.count}
            </span>
          </li>
        ))}
      </ol>
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day} (UTC)</span>
      </figcaption>
    </figure>
  );
}
