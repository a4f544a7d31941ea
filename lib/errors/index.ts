export {
  APP_ERROR_CODES,
  AppError,
  type AppErrorCode,
  type AppErrorOptions,
  ERROR_STATUS,
  type FieldErrors,
  isAppError,
} from "./app-error";
export { type HttpErrorBody, toHttpResponse } from "./http";
export { type LogRecord, type LogSink, logger, setLogSink } from "./log";
export {
  type ActionResult,
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
