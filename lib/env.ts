/** A positive number from an environment variable or header; undefined when unset, blank, zero, negative or junk. */
export function positiveNumber(raw: string | undefined | null): number | undefined {
  const n = Number(raw);
  return raw != null && raw.trim() !== "" && Number.isFinite(n) && n > 0 ? n : undefined;
}
