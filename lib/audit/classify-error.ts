import type { AuditOutcome } from "@/lib/db/schema";

export interface ClassifiedError {
  outcome: Extract<AuditOutcome, "error" | "timeout">;
  code: string;
  message: string;
  traceId?: string;
}

type Loose = {
  name?: unknown;
  code?: unknown;
  status?: unknown;
  message?: unknown;
  clerkTraceId?: unknown;
  traceId?: unknown;
  errors?: unknown;
  cause?: unknown;
  details?: { timeout?: unknown };
};

const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError"]);
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "timeout",
]);

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function isTimeout(e: Loose, depth = 0): boolean {
  if (depth > 3 || !e || typeof e !== "object") return false;
  if (TIMEOUT_NAMES.has(String(e.name)) || TIMEOUT_CODES.has(String(e.code))) return true;
  if (e.status === 408 || e.status === 504) return true;
  // lib/clerk's own timer (ClerkTimeoutError) and a write whose response never came are flagged so.
  if (e.details?.timeout === true) return true;
  return isTimeout(e.cause as Loose, depth + 1);
}

/** Maps whatever a Clerk write threw (ClerkAPIResponseError, AppError, fetch/abort errors) to an audit outcome. */
export function classifyAuditError(err: unknown): ClassifiedError {
  const e = (err && typeof err === "object" ? err : { message: String(err) }) as Loose;
  const first = Array.isArray(e.errors)
    ? (e.errors[0] as { code?: unknown; message?: unknown } | undefined)
    : undefined;
  const traceId = str(e.clerkTraceId) ?? str(e.traceId);
  const timeout = isTimeout(e);
  const code =
    str(first?.code) ??
    str(e.code) ??
    (typeof e.status === "number" ? `http_${e.status}` : undefined) ??
    (timeout ? "timeout" : str(e.name)) ??
    "unknown_error";
  const message = (str(first?.message) ?? str(e.message) ?? "Unknown error").slice(0, 2000);
  return { outcome: timeout ? "timeout" : "error", code, message, ...(traceId ? { traceId } : {}) };
}
