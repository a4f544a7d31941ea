import { Badge } from "@/components/ui/badge";
import type { DryRunResult } from "@/lib/automations/dry-run";

/** What a rule would do with recent events: counts, then each matched event's writes (or why not). */
export function DryRunView({ result }: { result: DryRunResult }) {
  const matched = result.samples.filter((s) => s.matched);
  return (
    <div data-testid="dry-run" className="grid gap-2 text-sm">
      <p data-testid="dry-run-summary">
        Dry run: {result.examined} recent events examined, <strong>{result.matched} matched</strong>,{" "}
        {result.wouldWrite} write{result.wouldWrite === 1 ? "" : "s"} would be made
        {result.errors > 0 ? `, ${result.errors} could not be planned` : ""}. Nothing was written.
      </p>
      {matched.length > 0 && (
        <ul className="grid max-h-64 gap-1 overflow-auto rounded-md border p-2">
          {matched.slice(0, 20).map((s) => (
            <li key={`${s.from}:${s.ref}`} data-testid="dry-run-sample" className="grid gap-0.5">
              <span className="flex items-center gap-2">
                <Badge variant={s.error ? "destructive" : "secondary"}>
                  {s.from === "event" ? "webhook" : "user"}
                </Badge>
                <span className="font-medium">{s.label ?? s.ref}</span>
              </span>
              {s.error ? (
                <span className="text-destructive">{s.error}</span>
              ) : (
                s.writes?.map((w) => (
                  <code key={w.action} className="block text-xs break-all text-muted-foreground">
                    {w.action} {JSON.stringify(w.input)}
                  </code>
                ))
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
