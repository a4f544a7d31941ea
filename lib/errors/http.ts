import { ERROR_STATUS } from "./app-error";
import { toPublicError } from "./result";

export interface HttpErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]>; traceId?: string };
}

/** JSON error response for route handlers (REST, MCP transport errors). */
export function toHttpResponse(err: unknown, init: { headers?: HeadersInit } = {}): Response {
  const e = toPublicError(err);
  const body: HttpErrorBody = { error: { code: e.code, message: e.message } };
  if (e.fieldErrors) body.error.fieldErrors = e.fieldErrors;
  if (e.traceId) body.error.traceId = e.traceId;
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  headers.set("Cache-Control", "no-store");
  if (e.retryAfter !== undefined) headers.set("Retry-After", String(Math.max(0, Math.ceil(e.retryAfter))));
  else if (e.code === "upstream_unavailable" || e.code === "store_unavailable")
    headers.set("Retry-After", "5");
  return new Response(JSON.stringify(body), { status: ERROR_STATUS[e.code], headers });
}
