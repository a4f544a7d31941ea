// The console's own database (PostgreSQL or PGlite) cannot be reached: connection refused or lost,
// server shutting down, too many connections. Such a failure means the request stopped before any write
// to Clerk (every write records its audit attempt first), so the user is told nothing changed.

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/** SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53300 (too many connections). */
function isConnectionSqlState(code: string): boolean {
  return (
    code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300"
  );
}

const MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /PGlite is closed/i,
];

/** The error, its causes and an AggregateError's errors, breadth first (at most 20). */
export function errorChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  const queue = [err];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    out.push(e);
    if ("cause" in e) queue.push((e as { cause?: unknown }).cause);
    if (e instanceof AggregateError) queue.push(...e.errors);
  }
  return out;
}

/** Node's fetch (Clerk, the model) reports network errors as TypeError("fetch failed"): not the store. */
function isFetchFailure(err: unknown): boolean {
  return err instanceof TypeError && err.message === "fetch failed";
}

export function isStoreUnavailable(err: unknown): boolean {
  const chain = errorChain(err);
  if (chain.some(isFetchFailure)) return false;
  return chain.some((e) => {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || isConnectionSqlState(code))) return true;
    return typeof message === "string" && MESSAGES.some((re) => re.test(message));
  });
}
