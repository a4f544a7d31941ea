import type { AddressInfo } from "node:net";
import { LOCAL_SECRET_KEY, LOCAL_WEBHOOK_SECRET } from "./app-env";
import { registerBapiRoutes } from "./bapi";
import type { LocalClerkContext } from "./context";
import { registerControlRoutes } from "./control";
import { registerFapiRoutes } from "./fapi";
import { FaultInjector, parseFaultRules, type RateLimitConfig, RateLimiter } from "./faults";
import { Router } from "./http/router";
import { loadSigningKey, signJwt } from "./keys";
import { RequestLog } from "./request-log";
import { type SeedResult, seedState } from "./seed";
import { createLocalClerkServer } from "./server";
import { loadSnapshot, Persister, wipeDataDir } from "./state/persistence";
import { State } from "./state/store";
import { WebhookDispatcher } from "./webhooks";

export type { LocalClerkContext } from "./context";
export type { RequestLogEntry } from "./request-log";
export { State } from "./state/store";

export interface LocalClerkOptions {
  /** 0 = random; default LOCAL_CLERK_PORT or 4500. */
  port?: number;
  host?: string;
  /** undefined = in-memory, nothing persisted. */
  dataDir?: string;
  reset?: boolean;
  /** Seed this many users when the state is empty (after reset, or with no dataDir). 0/undefined = no seed. */
  seedUsers?: number;
  seed?: number;
  secretKey?: string;
  webhookUrl?: string;
  /** Default LOCAL_WEBHOOK_SECRET (what appEnvForLocalClerk gives the app). */
  webhookSecret?: string;
  webhookRetryDelaysMs?: number[];
  tokenTtlSeconds?: number;
  rateLimit?: RateLimitConfig | false;
  /** JSON array of fault rules, same shape as PUT /__local_clerk/faults. */
  faults?: string;
  quiet?: boolean;
}

export interface LocalClerkHandle {
  url: string;
  port: number;
  state: State;
  requestLog: RequestLog;
  faults: FaultInjector;
  context: LocalClerkContext;
  seeded: SeedResult | undefined;
  /** Flushes state to disk, stops webhooks and closes every connection. */
  stop(): Promise<void>;
}

export async function startLocalClerk(opts: LocalClerkOptions = {}): Promise<LocalClerkHandle> {
  const log = (line: string) => {
    if (!opts.quiet) console.log(`[local-clerk] ${line}`);
  };
  if (opts.dataDir && opts.reset) wipeDataDir(opts.dataDir);

  const state = new State();
  const snapshot = opts.dataDir ? loadSnapshot(opts.dataDir) : undefined;
  if (snapshot) state.restore(snapshot);
  let seeded: SeedResult | undefined;
  if (!snapshot && opts.seedUsers) {
    seeded = seedState(state, { users: opts.seedUsers, seed: opts.seed });
    log(
      `seeded ${seeded.users} users, ${seeded.invitations} invitations, ${seeded.organizations.organizations} organizations in ${seeded.ms} ms`,
    );
  }

  state.users.warm();

  const key = loadSigningKey(opts.dataDir);
  const faults = new FaultInjector();
  if (opts.faults) faults.configure(parseFaultRules(JSON.parse(opts.faults)));
  let baseUrl = "";
  const webhooks = new WebhookDispatcher(state, {
    url: opts.webhookUrl,
    secret: opts.webhookSecret ?? LOCAL_WEBHOOK_SECRET,
    retryDelaysMs: opts.webhookRetryDelaysMs,
    baseUrl: () => baseUrl,
    log,
  });
  const requestLog = new RequestLog();
  const ctx: LocalClerkContext = {
    state,
    key,
    secretKey: opts.secretKey ?? LOCAL_SECRET_KEY,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 60,
    webhooks,
    requestLog,
    faults,
    rateLimiter: new RateLimiter(opts.rateLimit ?? false),
    baseUrl: () => baseUrl,
    log,
    signJwt: (payload, header) => signJwt(payload, header, key),
  };

  const router = new Router();
  registerControlRoutes(router, ctx);
  registerBapiRoutes(router, ctx);
  registerFapiRoutes(router, ctx);

  const persister = opts.dataDir ? new Persister(state, opts.dataDir, log) : undefined;
  // Write the seed (and key) right away so a crash before the first change still keeps them.
  if (seeded || (opts.dataDir && !snapshot)) persister?.flush(true);

  const { server, hanging } = createLocalClerkServer(router, ctx);
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? Number(process.env.LOCAL_CLERK_PORT ?? 4500);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${actualPort}`;
  if (opts.webhookUrl) log(`webhooks -> ${opts.webhookUrl}`);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      webhooks.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of hanging) s.destroy();
      server.closeAllConnections();
      await persister?.stop();
      await closed;
    })();
    return stopped;
  };

  return { url: baseUrl, port: actualPort, state, requestLog, faults, context: ctx, seeded, stop };
}
