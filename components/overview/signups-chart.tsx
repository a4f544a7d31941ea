import { axisStep, bucketLabel, type CountedBucket, shortUtcDate } from "@/lib/console/overview";

const W = 640;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 40 };

/**
 * Plain SVG bar chart (no chart library). Screen readers get a one-line summary, the caption and the
 * same numbers as a table.
 */
export function SignupsChart({ buckets, caption }: { buckets: CountedBucket[]; caption: string }) {
  const step = axisStep(Math.max(0, ...buckets.map((b) => b.count)));
  const max = 4 * step;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const total = buckets.reduce((s, b) => s + b.count, 0);

  return (
    <figure className="grid gap-3" data-testid="signups-chart" data-total={total}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full text-muted-foreground"
        role="img"
        aria-label={`Bar chart of signups per week: ${total.toLocaleString("en-US")} in ${buckets.length} weeks. The numbers are in the table below.`}
      >
        {[0, 1, 2, 3, 4].map((k) => (
          <g key={k}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(k * step)}
              y2={y(k * step)}
              className="stroke-border"
              strokeWidth={1}
            />
            <text
              x={PAD.left - 6}
              y={y(k * step)}
              textAnchor="end"
              dominantBaseline="middle"
              className="fill-current text-[11px] tabular-nums"
            >
              {(k * step).toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const top = y(b.count);
          return (
            <g key={b.start}>
              <rect
                x={x}
                y={top}
                width={barW}
                height={Math.max(0, PAD.top + plotH - top)}
                rx={2}
                className="fill-primary"
              >
                <title>{`${bucketLabel(b)}: ${b.count.toLocaleString("en-US")} signups`}</title>
              </rect>
              {i % 2 === 0 && (
                <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="fill-current text-[11px]">
                  {shortUtcDate(b.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-muted-foreground">{caption}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground underline-offset-4 hover:underline">
          Show the numbers
        </summary>
        <table className="mt-2 w-full max-w-md text-left">
          <caption className="sr-only">Signups per week</caption>
          <thead>
            <tr className="border-b border-border">
              <th scope="col" className="py-1 font-medium">
                Week (UTC)
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Signups
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start} className="border-b border-border">
                <td className="py-1">{bucketLabel(b)}</td>
                <td className="py-1 text-right tabular-nums">{b.count.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
