"use client";
import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { METADATA_KINDS, type MetadataKind, type MetadataState } from "@/lib/console/metadata-input";
import { MetadataEditor, type SaveMetadata } from "./metadata-editor";

/**
 * The three editors share one version (`updatedAt`): saving one panel moves the baseline of all three.
 * A newer `initial` (live refresh after a change elsewhere) is adopted at once when nobody is editing;
 * while an edit is in progress it waits behind "reload diff", so the admin's text is never replaced.
 */
export function MetadataPanels({
  userId,
  initial,
  canWrite,
  kinds = METADATA_KINDS,
  save,
  noun = "user",
}: {
  /** The user's id, or the organization's when `save` is given. */
  userId: string;
  initial: MetadataState;
  canWrite: boolean;
  kinds?: readonly MetadataKind[];
  save?: SaveMetadata;
  noun?: string;
}) {
  const [state, setState] = useState(initial);
  const [dirty, setDirty] = useState<Record<MetadataKind, boolean>>({
    public: false,
    private: false,
    unsafe: false,
  });
  const editing = Object.values(dirty).some(Boolean);
  const newer = initial.updatedAt > state.updatedAt ? initial : null;

  useEffect(() => {
    if (newer && !editing) setState(newer);
  }, [newer, editing]);

  const dirtyHandlers = {
    public: useCallback((d: boolean) => setDirty((p) => ({ ...p, public: d })), []),
    private: useCallback((d: boolean) => setDirty((p) => ({ ...p, private: d })), []),
    unsafe: useCallback((d: boolean) => setDirty((p) => ({ ...p, unsafe: d })), []),
  };

  return (
    <div className="grid gap-3">
      {newer && editing && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm text-foreground"
          data-testid="metadata-changed-elsewhere"
        >
          <p>
            This {noun} changed elsewhere while you were editing. Your changes are kept; reload the diff to
            compare them with the current values.
          </p>
          <Button
            size="sm"
            variant="outline"
            onClick={() => setState(newer)}
            data-testid="metadata-reload-diff"
          >
            <RefreshCw aria-hidden /> Reload diff
          </Button>
        </div>
      )}
      <div
        className={kinds.length === 3 ? "grid gap-4 lg:grid-cols-3" : "grid gap-4 lg:grid-cols-2"}
        data-updated-at={state.updatedAt}
        data-testid="metadata-panels"
      >
        {kinds.map((kind) => (
          <MetadataEditor
            key={kind}
            userId={userId}
            save={save}
            kind={kind}
            state={state}
            canWrite={canWrite}
            onState={setState}
            onDirtyChange={dirtyHandlers[kind]}
          />
        ))}
      </div>
    </div>
  );
}
