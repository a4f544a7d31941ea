export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_origin: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  upstream_unavailable: 503,
  store_unavailable: 503,
  not_configured: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export const APP_ERROR_CODES = Object.keys(ERROR_STATUS) as AppErrorCode[];

export const DEFAULT_MESSAGES: Record<AppErrorCode, string> = {
  bad_request: "The request could not be understood.",
  unauthenticated: "Please sign in to continue.",
  forbidden: "You do not have permission to do that.",
  cross_origin:
    "Refused: this request did not come from the console's own pages (cross-origin). Nothing was changed.",
  not_found: "Not found.",
  conflict: "This conflicts with the current state. Reload and try again.",
  payload_too_large: "The request is too large.",
  unsupported_media_type: "Send the request body as JSON (Content-Type: application/json).",
  validation_failed: "Some fields are invalid.",
  rate_limited: "Too many requests to Clerk. Try again shortly.",
  internal: "Something went wrong on our side.",
  upstream_unavailable: "Clerk is not reachable right now. Try again shortly.",
  store_unavailable:
    "The console's database is not reachable right now, so nothing was changed. Try again in a moment.",
  not_configured: "This feature is not configured on this deployment.",
};

export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  fieldErrors?: FieldErrors;
  /** Seconds the caller should wait before trying again (429). */
  retryAfter?: number;
  /** Clerk's clerk_trace_id, for support; safe to show. */
  traceId?: string;
  /** Overrides the default (true for rate_limited and upstream_unavailable). */
  retryable?: boolean;
  /** Machine-readable, user-safe context (e.g. the current state on a conflict). */
  details?: Record<string, unknown>;
  /** The original error: logged, never shown. */
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfter?: number;
  readonly traceId?: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string = DEFAULT_MESSAGES[code], options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.retryable =
      options.retryable ??
      (code === "rate_limited" || code === "upstream_unavailable" || code === "store_unavailable");
    if (options.fieldErrors && Object.keys(options.fieldErrors).length > 0)
      this.fieldErrors = options.fieldErrors;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.traceId) this.traceId = options.traceId;
    if (options.details) this.details = options.details;
  }

  static notFound(what: string, id?: string): AppError {
    return new AppError("not_found", id ? `${what} ${id} was not found.` : `${what} was not found.`, {
      details: { resource: what.toLowerCase(), ...(id ? { id } : {}) },
    });
  }

  static validation(fieldErrors: FieldErrors, message = DEFAULT_MESSAGES.validation_failed): AppError {
    return new AppError("validation_failed", message, { fieldErrors });
  }

  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError("conflict", message, details ? { details } : {});
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
