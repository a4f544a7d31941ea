export type MetadataKind = "public" | "private" | "unsafe";
export const METADATA_KINDS: readonly MetadataKind[] = ["public", "private", "unsafe"];

export type ParsedMetadataInput = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Validates editor text as you type: it must be a JSON object (the BAPI rejects arrays and scalars). */
export function parseMetadataInput(text: string): ParsedMetadataInput {
  if (text.trim() === "") return { ok: false, error: 'Enter a JSON object, e.g. {"plan": "pro"}.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Invalid JSON: ${detail}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: "Metadata must be a JSON object ({…}), not an array or a single value." };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(2)} KB`;
}

/** What a metadata editor needs to compute its diff: the three bags and the version they belong to. */
export type MetadataState = {
  updatedAt: number;
  public: Record<string, unknown>;
  private: Record<string, unknown>;
  unsafe: Record<string, unknown>;
};

export const CONFLICT_MESSAGE =
  "This user changed meanwhile. Nothing was saved; the diff now compares against the latest data — review it and confirm again.";
