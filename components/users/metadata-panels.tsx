"use client";
import { useState } from "react";
import { METADATA_KINDS, type MetadataState } from "@/lib/console/metadata-input";
import { MetadataEditor } from "./metadata-editor";

/** The three editors share one version (`updatedAt`): saving one panel moves the baseline of all three. */
export function MetadataPanels({
  userId,
  initial,
  canWrite,
}: {
  userId: string;
  initial: MetadataState;
  canWrite: boolean;
}) {
  const [state, setState] = useState(initial);
  return (
    <div
      className="grid gap-4 lg:grid-cols-3"
      data-updated-at={state.updatedAt}
      data-testid="metadata-panels"
    >
      {METADATA_KINDS.map((kind) => (
        <MetadataEditor
          key={kind}
          userId={userId}
          kind={kind}
          state={state}
          canWrite={canWrite}
          onState={setState}
        />
      ))}
    </div>
  );
}
