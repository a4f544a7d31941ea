import { type ClerkAPIResponseError, isClerkAPIResponseError } from "@clerk/backend/errors";
import { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";
import { logger } from "./log";
import { isStoreUnavailable } from "./store-errors";

// The SDK leaves status undefined when fetch itself failed (network error, abort).
type ClerkResponseError = Omit<ClerkAPIResponseError, "status"> & { status?: number };

// Clerk answers "already exists" refusals with 400/422 and these codes; they are conflicts, not bad input.
const CONFLICT_CODES = new Set([
  "duplicate_record",
  "form_identifier_exists",
  "identifier_already_signed_in",
  "invitation_already_accepted",
  "invitation_already_revoked",
  "invitation_not_pending",
  "session_already_revoked",
  "user_already_banned",
  "user_already_locked",
]);

function isConflictCode(code: string): boolean {
  return CONFLICT_CODES.has(code) || code.endsWith("_exists") || code.startsWith("already_");
}

function addFieldError(out: FieldErrors, key: string, message: string): void {
  const list = out[key];
  if (list) list.push(message);
  else out[key] = [message];
}

export function zodFieldErrors(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    addFieldError(out, key, issue.message);
  }
  return out;
}

function clerkFieldErrors(err: ClerkResponseError): FieldErrors {
  const out: FieldErrors = {};
  for (const e of err.errors) {
    const param = e.meta?.paramName;
    if (param) addFieldError(out, param, e.longMessage || e.message);
  }
  return out;
}

function fromClerk(err: ClerkResponseError): AppError {
  const status = err.status;
  const first = err.errors[0];
  const traceId = err.clerkTraceId || undefined;
  const base = { traceId, cause: err };
  const clerkMessage = first ? first.longMessage || first.message : undefined;

  if (status === undefined || status === 0) {
    logger.warn("clerk.network_error", { traceId, error: err });
    return new AppError("upstream_unavailable", undefined, base);
  }
  if (status === 429) {
    return new AppError("rate_limited", undefined, { ...base, retryAfter: err.retryAfter });
  }
  if (status >= 500) {
    logger.warn("clerk.server_error", { status, traceId, error: err });
    return new AppError("upstream_unavailable", undefined, base);
  }
  if (status === 401) {
    // Our secret key was refused: a deployment problem, not the admin's session.
    logger.error("clerk.secret_key_rejected", { status, traceId, error: err });
    return new AppError("internal", "The server cannot authenticate to Clerk.", base);
  }
  if (status === 404) return new AppError("not_found", undefined, base);
  if (status === 403) return new AppError("forbidden", clerkMessage, base);
  if (status === 413) return new AppError("payload_too_large", clerkMessage, base);
  const fieldErrors = clerkFieldErrors(err);
  if (status === 409 || err.errors.some((e) => isConflictCode(e.code))) {
    return new AppError("conflict", clerkMessage, { ...base, fieldErrors });
  }
  if (status === 422 || Object.keys(fieldErrors).length > 0) {
    return new AppError("validation_failed", clerkMessage, { ...base, fieldErrors });
  }
  if (status >= 400 && status < 500) return new AppError("bad_request", clerkMessage, base);
  logger.error("clerk.unexpected_status", { status, traceId, error: err });
  return new AppError("internal", undefined, base);
}

function isAbortLike(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "TimeoutError" || err.name === "AbortError") return true;
  return err instanceof TypeError && err.message === "fetch failed";
}

/** Maps anything thrown into an AppError. AppErrors pass through unchanged. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.core.$ZodError) {
    return AppError.validation(zodFieldErrors(err));
  }
  if (isClerkAPIResponseError(err)) return fromClerk(err as ClerkResponseError);
  if (isAbortLike(err)) {
    logger.warn("upstream.aborted", { error: err });
    return new AppError("upstream_unavailable", undefined, { cause: err });
  }
  if (isStoreUnavailable(err)) {
    logger.error("store.unavailable", { error: err });
    return new AppError("store_unavailable", undefined, { cause: err });
  }
  logger.error("internal.unhandled", { error: err });
  return new AppError("internal", undefined, { cause: err });
}
