"use client";
import { useEffect, useId, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { saveUserMetadataAction } from "@/lib/actions/users";
import { diffMetadata, METADATA_LIMIT_BYTES, mergeMetadata, metadataBytes } from "@/lib/clerk/metadata";
import {
  formatBytes,
  type MetadataKind,
  type MetadataState,
  parseMetadataInput,
} from "@/lib/console/metadata-input";
import { cn } from "@/lib/utils";
import { MetadataDiff } from "./metadata-diff";

const EMPTY_PATCH = "{\n  \n}";

const DESCRIPTIONS: Record<MetadataKind, string> = {
  public: "Readable in the browser, writable only by the backend.",
  private: "Backend only; never sent to the browser.",
  unsafe: "Also writable by the user themselves from the browser.",
};

/** Posts one editor's patch; the user editor's default, an organization page passes its own. */
export type SaveMetadata = (args: {
  kind: MetadataKind;
  patch: string;
  expected_updated_at: number;
}) => ReturnType<typeof saveUserMetadataAction>;

export function MetadataEditor({
  userId,
  save: saveWith,
  kind,
  state,
  canWrite,
  onState,
  onDirtyChange,
}: {
  userId: string;
  save?: SaveMetadata;
  kind: MetadataKind;
  state: MetadataState;
  canWrite: boolean;
  onState: (s: MetadataState) => void;
  /** True while the admin has typed something or has the confirm dialog open. */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const [text, setText] = useState(EMPTY_PATCH);
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ids = { input: useId(), help: useId(), error: useId() };
  const current = state[kind];
  const dirty = text !== EMPTY_PATCH || confirming;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const parsed = useMemo(() => parseMetadataInput(text), [text]);
  const preview = useMemo(() => {
    if (!parsed.ok) return null;
    const merged = mergeMetadata(current, parsed.value);
    const bytes = metadataBytes(merged);
    return { merged, changes: diffMetadata(current, merged), bytes, over: bytes > METADATA_LIMIT_BYTES };
  }, [parsed, current]);

  const error = !parsed.ok
    ? parsed.error
    : preview?.over
      ? `Too large: ${formatBytes(preview.bytes)} after the merge; Clerk's limit is 8 KB (${METADATA_LIMIT_BYTES} bytes).`
      : null;
  const canReview = canWrite && !!preview && !preview.over && preview.changes.length > 0;

  const save = () =>
    startTransition(async () => {
      setServerError(null);
      const args = { kind, patch: text, expected_updated_at: state.updatedAt };
      const r = saveWith ? await saveWith(args) : await saveUserMetadataAction({ user_id: userId, ...args });
      if (r.ok) {
        toast.success(`${kind[0]!.toUpperCase()}${kind.slice(1)} metadata saved.`);
        onState(r.data);
        setText(EMPTY_PATCH);
        setConflict(null);
        setConfirming(false);
        return;
      }
      toast.error(r.error.message);
      if (r.fresh) {
        // Keep the dialog open: the diff below is now recomputed against the fresh data.
        onState(r.fresh);
        setConflict(r.error.message);
      } else {
        setServerError(r.error.fieldErrors?.patch?.join(" ") ?? r.error.message);
      }
    });

  return (
    <section
      aria-labelledby={`${ids.input}-title`}
      className="grid gap-3 rounded-lg border border-border p-4"
      data-testid={`metadata-${kind}`}
    >
      <div>
        <h3 id={`${ids.input}-title`} className="font-medium capitalize">
          {kind} metadata
        </h3>
        <p className="text-sm text-muted-foreground">{DESCRIPTIONS[kind]}</p>
      </div>
      <div className="grid gap-1">
        <span className="text-xs font-medium text-muted-foreground">Current value</span>
        <pre
          className="max-h-48 overflow-auto rounded bg-muted/50 p-2 text-xs"
          data-testid={`metadata-${kind}-current`}
        >
          {JSON.stringify(current, null, 2)}
        </pre>
      </div>
      <div className="grid gap-1">
        <Label htmlFor={ids.input}>Changes to merge (JSON)</Label>
        <p id={ids.help} className="text-xs text-muted-foreground">
          Saved with Clerk&apos;s merge endpoint: objects are deep-merged, <code>null</code> deletes a key,
          arrays and other values replace. Keys you leave out stay as they are.
        </p>
        <Textarea
          id={ids.input}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setServerError(null);
          }}
          rows={6}
          spellCheck={false}
          readOnly={!canWrite}
          className="font-mono text-xs"
          aria-invalid={!!error}
          aria-describedby={`${ids.help} ${ids.error}`}
          data-testid={`metadata-${kind}-input`}
        />
        <div className="flex justify-between gap-2 text-xs" aria-live="polite">
          <span
            id={ids.error}
            role={error || serverError ? "alert" : undefined}
            className="text-destructive"
            data-testid={`metadata-${kind}-error`}
          >
            {error ?? serverError}
          </span>
          {preview && (
            <span
              className={cn("tabular-nums", preview.over ? "text-destructive" : "text-muted-foreground")}
              data-testid={`metadata-${kind}-bytes`}
            >
              {preview.bytes} / {METADATA_LIMIT_BYTES} bytes after merge
            </span>
          )}
        </div>
      </div>
      {preview && !preview.over && (
        <div className="grid gap-1">
          <span className="text-xs font-medium text-muted-foreground">Diff after merge</span>
          <MetadataDiff changes={preview.changes} />
        </div>
      )}
      <div>
        <Button
          size="sm"
          disabled={!canReview}
          title={canWrite ? undefined : "Viewers have read-only access."}
          onClick={() => setConfirming(true)}
          data-testid={`metadata-${kind}-review`}
        >
          Review and save
        </Button>
      </div>
      <Dialog open={confirming} onOpenChange={(o) => !pending && setConfirming(o)}>
        <DialogPanel
          data-testid={`metadata-${kind}-confirm-dialog`}
          title={<>Save {kind} metadata?</>}
          description="Deep merge into the stored value (null deletes). This is exactly what will change:"
        >
          {conflict && (
            <p
              role="alert"
              className="rounded border border-warning/50 bg-warning/10 p-2 text-sm text-foreground"
              data-testid="metadata-conflict"
            >
              {conflict}
            </p>
          )}
          {preview && <MetadataDiff changes={preview.changes} />}
          {preview && (
            <p className="text-xs text-muted-foreground">
              {preview.bytes} of {METADATA_LIMIT_BYTES} bytes after the merge.
            </p>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </Button>
            <Button
              onClick={save}
              disabled={pending || !canReview}
              aria-busy={pending}
              data-testid={`metadata-${kind}-confirm`}
            >
              {pending ? "Saving…" : "Confirm and save"}
            </Button>
          </DialogFooter>
        </DialogPanel>
      </Dialog>
    </section>
  );
}
