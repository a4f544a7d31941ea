import type { MetadataChange } from "@/lib/clerk/metadata";

const show = (v: unknown) => JSON.stringify(v);

export function MetadataDiff({ changes }: { changes: MetadataChange[] }) {
  if (changes.length === 0)
    return (
      <p className="text-sm text-muted-foreground">No changes: the merge leaves the metadata as it is.</p>
    );
  return (
    <ul
      className="grid gap-1 font-mono text-xs"
      data-testid="metadata-diff"
      aria-label="Changes after the merge"
    >
      {changes.map((c) => (
        <li
          key={c.path}
          data-change={c.kind}
          className={
            c.kind === "added"
              ? "rounded bg-success/10 px-2 py-1 text-success"
              : c.kind === "removed"
                ? "rounded bg-destructive/10 px-2 py-1 text-destructive"
                : "rounded bg-warning/10 px-2 py-1 text-foreground"
          }
        >
          {c.kind === "added" && `+ ${c.path}: ${show(c.after)}`}
          {c.kind === "removed" && `− ${c.path}: ${show(c.before)}`}
          {c.kind === "changed" && `~ ${c.path}: ${show(c.before)} → ${show(c.after)}`}
        </li>
      ))}
    </ul>
  );
}
