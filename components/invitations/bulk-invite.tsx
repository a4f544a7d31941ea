"use client";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { bulkInviteAction } from "@/lib/actions/invitations";
import { BULK_INVITE_MAX, parseBulkEmails } from "@/lib/console/bulk-invite";
import type { BulkRowResult } from "@/lib/console/invitation-schemas";

const STATUS_VARIANT = { invited: "success", failed: "destructive", skipped: "warning" } as const;

export function BulkInvite({ canWrite }: { canWrite: boolean }) {
  const { pending, run, router } = useRunAction();
  const [text, setText] = useState("");
  const [results, setResults] = useState<BulkRowResult[] | null>(null);
  const id = useId();
  const rows = useMemo(() => parseBulkEmails(text), [text]);
  const valid = rows.filter((r) => !r.error).length;
  const tooMany = rows.length > BULK_INVITE_MAX;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setResults(null);
  };

  const submit = () =>
    run(
      () => bulkInviteAction({ text }),
      (data) => {
        setResults(data);
        const invited = data.filter((x) => x.status === "invited").length;
        const failed = data.length - invited;
        if (failed === 0) toast.success(`Invited ${invited} people.`);
        else
          toast.warning(
            `Invited ${invited}; ${failed} row${failed === 1 ? "" : "s"} not invited — see the results.`,
          );
        router.refresh();
      },
    );

  const shown: (BulkRowResult | (typeof rows)[number])[] = results ?? rows;
  return (
    <div className="grid gap-3">
      <div className="grid gap-1">
        <Label htmlFor={`${id}-text`}>Emails (one per line, or comma-separated)</Label>
        <Textarea
          id={`${id}-text`}
          rows={5}
          className="font-mono text-xs"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResults(null);
          }}
          disabled={!canWrite}
          data-testid="bulk-text"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor={`${id}-file`}>…or a CSV file with an email column</Label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => onFile(e.target.files?.[0])}
          disabled={!canWrite}
          className="text-sm"
          data-testid="bulk-file"
        />
      </div>
      {rows.length > 0 && (
        <p className="text-sm text-foreground/80" aria-live="polite" data-testid="bulk-summary">
          {results
            ? `Done: ${results.filter((r) => r.status === "invited").length} invited, ${results.filter((r) => r.status !== "invited").length} not invited.`
            : `${rows.length} rows: ${valid} valid, ${rows.length - valid} with problems (skipped).`}
          {tooMany && ` At most ${BULK_INVITE_MAX} per batch.`}
        </p>
      )}
      {shown.length > 0 && (
        <DataTable
          aria-label={results ? "Bulk invite results" : "Bulk invite preview"}
          data-testid="bulk-rows"
          columns={["Row", "Email", results ? "Result" : "Check"]}
        >
          {shown.map((r) => (
            <TableRow key={r.row} data-testid="bulk-row" data-row={r.row}>
              <TableCell>{r.row}</TableCell>
              <TableCell>{r.email}</TableCell>
              <TableCell>
                {"status" in r ? (
                  <span className="flex items-center gap-2">
                    <Badge variant={STATUS_VARIANT[r.status]}>{r.status}</Badge>
                    {r.status !== "invited" && <span className="text-xs">{r.message}</span>}
                  </span>
                ) : r.error ? (
                  <span className="text-xs text-destructive">{r.error}</span>
                ) : (
                  <span className="text-xs text-success">OK</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <div>
        <Button
          onClick={submit}
          disabled={!canWrite || pending || valid === 0 || tooMany || !!results}
          aria-busy={pending}
          data-testid="bulk-submit"
        >
          {pending ? "Inviting…" : `Invite ${valid} valid row${valid === 1 ? "" : "s"}`}
        </Button>
      </div>
    </div>
  );
}
