import { encode } from "@toon-format/toon";
import { modelView, untrustedEnvelope } from "./redact";

/**
 * What the model reads of a tool result: the lean view (`modelView`) in TOON, which states a list's
 * keys once and quotes only where needed, inside the untrusted envelope. A result that is only a
 * count is the bare figure: a number carries no user-written text to mark as untrusted.
 */
export function modelText(output: unknown): string {
  const view = modelView(output);
  const figure = bareFigure(view);
  return figure ?? encode(untrustedEnvelope(view));
}

const COUNT_KEYS = new Set(["total_count", "count"]);

function bareFigure(view: unknown): string | undefined {
  if (typeof view === "number") return String(view);
  if (!view || typeof view !== "object" || Array.isArray(view)) return undefined;
  const entries = Object.entries(view);
  const [key, value] = entries[0] ?? [];
  if (entries.length !== 1 || !key || !COUNT_KEYS.has(key) || typeof value !== "number") return undefined;
  return String(value);
}
