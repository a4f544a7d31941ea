import type { FaultInjector, RateLimiter } from "./faults";
import type { SigningKey } from "./keys";
import type { RequestLog } from "./request-log";
import type { State } from "./state/store";
import type { WebhookDispatcher } from "./webhooks";

/** Everything route modules (BAPI, FAPI, control) get at registration time. */
export interface LocalClerkContext {
  state: State;
  key: SigningKey;
  secretKey: string;
  tokenTtlSeconds: number;
  webhooks: WebhookDispatcher;
  requestLog: RequestLog;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  /** http://127.0.0.1:<port>, valid once the server listens. */
  baseUrl(): string;
  log(line: string): void;
  /** RS256 JWT signed with the instance key (kid in the header). */
  signJwt(payload: Record<string, unknown>, header?: Record<string, unknown>): string;
}
