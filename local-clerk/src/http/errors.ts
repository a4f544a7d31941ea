import { randomBytes } from "node:crypto";

export interface ClerkErrorItem {
  code: string;
  message: string;
  long_message: string;
  meta: Record<string, unknown>;
}

/** Thrown by handlers; the server turns it into Clerk's error envelope. */
export class ClerkHttpError extends Error {
  readonly status: number;
  readonly errors: ClerkErrorItem[];
  readonly headers: Record<string, string>;

  constructor(status: number, errors: ClerkErrorItem[], headers: Record<string, string> = {}) {
    super(errors[0]?.long_message ?? errors[0]?.message ?? `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

export function clerkError(
  status: number,
  code: string,
  message: string,
  longMessage: string = message,
  meta: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ClerkHttpError {
  return new ClerkHttpError(status, [{ code, message, long_message: longMessage, meta }], headers);
}

export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

export function errorEnvelope(errors: ClerkErrorItem[], traceId: string) {
  return { errors, clerk_trace_id: traceId };
}

export const notFound = (what = "resource") =>
  clerkError(404, "resource_not_found", "not found", `The requested ${what} was not found.`);

export const invalidParam = (param: string, longMessage: string, code = "form_param_value_invalid") =>
  clerkError(422, code, "is invalid", longMessage, { param_name: param });

export const missingParam = (param: string) =>
  clerkError(422, "form_param_missing", "missing data", `${param} must be included.`, { param_name: param });
