type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;
export type LogRecord = { level: Level; event: string; time: string } & Fields;
export type LogSink = (record: LogRecord) => void;

const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  const env = process.env.LOG_LEVEL?.toLowerCase();
  if (env && env in ORDER) return ORDER[env as Level | "silent"];
  return ORDER.info;
}

const consoleSink: LogSink = (record) => {
  const line = JSON.stringify(record, jsonReplacer);
  if (record.level === "error" || record.level === "warn") console.error(line);
  else console.log(line);
};

let sink: LogSink = consoleSink;

/** Test seam: capture records instead of printing them. Returns a restore function. */
export function setLogSink(next: LogSink | null): () => void {
  const previous = sink;
  sink = next ?? consoleSink;
  return () => {
    sink = previous;
  };
}

/** Errors do not JSON.stringify; keep what helps debugging, including Clerk's error list and trace id. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const out: Fields = { name: err.name, message: err.message };
  for (const key of ["code", "status", "clerkTraceId", "traceId", "retryAfter", "errors"] as const) {
    const value = (err as unknown as Fields)[key];
    if (value !== undefined) out[key] = value;
  }
  if (err.stack) out.stack = err.stack.split("\n").slice(0, 8).join("\n");
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

function emit(level: Level, event: string, fields?: Fields): void {
  if (ORDER[level] < threshold()) return;
  try {
    const safe: Fields = {};
    for (const [k, v] of Object.entries(fields ?? {})) safe[k] = v instanceof Error ? serializeError(v) : v;
    sink({ level, event, time: new Date().toISOString(), ...safe });
  } catch {
    // Logging must never break the request being logged.
  }
}

export const logger = {
  debug: (event: string, fields?: Fields) => emit("debug", event, fields),
  info: (event: string, fields?: Fields) => emit("info", event, fields),
  warn: (event: string, fields?: Fields) => emit("warn", event, fields),
  error: (event: string, fields?: Fields) => emit("error", event, fields),
};
