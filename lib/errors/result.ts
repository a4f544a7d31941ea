import type { AppErrorCode, FieldErrors } from "./app-error";
import { toAppError } from "./to-app-error";

export interface PublicError {
  code: AppErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  retryable?: boolean;
  retryAfter?: number;
  traceId?: string;
}

/** `fresh`: on a conflict, the current state the caller should re-diff against (see `stale`). */
export type ActionResult<T, F = never> = { ok: true; data: T } | { ok: false; error: PublicError; fresh?: F };

/**
 * A refusal that is an answer, not a failure: the target changed since the caller read it, nothing was
 * written, and `fresh` is its current state. A server action returns `stale(...)` to answer
 * `{ ok: false, error: { code: "conflict" }, fresh }`.
 */
export class Stale<F> {
  readonly code = "conflict";
  constructor(
    readonly message: string,
    readonly fresh: F,
  ) {}
}

export function stale<F>(message: string, fresh: F): Stale<F> {
  return new Stale(message, fresh);
}

/** The user-safe view of any error: never includes cause, stack or Clerk internals. */
export function toPublicError(err: unknown): PublicError {
  const e = toAppError(err);
  const out: PublicError = { code: e.code, message: e.message };
  if (e.fieldErrors) out.fieldErrors = e.fieldErrors;
  if (e.retryable) out.retryable = true;
  if (e.retryAfter !== undefined) out.retryAfter = e.retryAfter;
  if (e.traceId) out.traceId = e.traceId;
  return out;
}

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function toActionResult(err: unknown): ActionResult<never> {
  return { ok: false, error: toPublicError(err) };
}

/** Tool output for the AI SDK / MCP: plain data the model can read and recover from. */
export function toToolError(err: unknown): { error: PublicError } {
  return { error: toPublicError(err) };
}

/** One-line text for MCP `isError` content. */
export function toToolErrorText(err: unknown): string {
  const e = toPublicError(err);
  const fields = e.fieldErrors
    ? ` ${Object.entries(e.fieldErrors)
        .map(([k, v]) => `${k}: ${v.join("; ")}`)
        .join(". ")}`
    : "";
  const retry = e.retryable
    ? ` (retryable${e.retryAfter !== undefined ? ` after ${e.retryAfter}s` : ""})`
    : "";
  return `${e.code}: ${e.message}${fields}${retry}`;
}
