export {
  APP_ERROR_CODES,
  AppError,
  type AppErrorCode,
  type AppErrorOptions,
  DEFAULT_MESSAGES,
  ERROR_STATUS,
  type FieldErrors,
  isAppError,
} from "./app-error";
export { type HttpErrorBody, httpStatusOf, toHttpResponse } from "./http";
export { type LogRecord, type LogSink, logger, serializeError, setLogSink } from "./log";
export {
  type ActionResult,
  asActionResult,
  ok,
  type PublicError,
  Stale,
  stale,
  toActionResult,
  toPublicError,
  toToolError,
  toToolErrorText,
} from "./result";
export { toAppError, zodFieldErrors } from "./to-app-error";
