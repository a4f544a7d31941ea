import { type ClerkClient, createClerkClient } from "@clerk/backend";
import { positiveNumber } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type { ClerkClient };

export const DEFAULT_CLERK_TIMEOUT_MS = 10_000;

export function clerkTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveNumber(env.CLERK_TIMEOUT_MS) ?? DEFAULT_CLERK_TIMEOUT_MS;
}

export class ClerkTimeoutError extends AppError {
  readonly operation: string;
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super("upstream_unavailable", `Clerk did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, {
      details: { timeout: true },
    });
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClerkTimeoutError(operation, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isApiNamespace(value: unknown): value is object {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "request") === "function";
}

/*
 * @clerk/backend 3.25 calls the global fetch with no signal and accepts neither a custom fetch nor a
 * per-call AbortSignal, so a hanging Clerk would hang us. Every API method is wrapped in a timer
 * instead; the abandoned request is left to the socket's own timeout. For writes this means the
 * outcome of a timed-out call is unknown, which is why writes are never retried.
 */
function withTimeouts(client: ClerkClient, ms: number): ClerkClient {
  return wrapApiMethods(client, ({ run, label }) => {
    const out = run();
    return out instanceof Promise ? withTimeout(out, ms, label) : out;
  });
}

export interface ApiCall {
  /** Calls the SDK method with the caller's arguments. */
  run(): unknown;
  /** `namespace.method`, e.g. `users.getUser`. */
  label: string;
  namespace: string;
  method: string;
  args: unknown[];
}

/**
 * The same client with every method of every API namespace (users, invitations, …) routed through
 * `around`, which decides when and how the call runs. Namespace wrappers are built once per client.
 */
export function wrapApiMethods(client: ClerkClient, around: (call: ApiCall) => unknown): ClerkClient {
  const namespaces = new Map<PropertyKey, unknown>();
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (!isApiNamespace(value)) return value;
      let wrapped = namespaces.get(prop);
      if (!wrapped) {
        wrapped = new Proxy(value, {
          get(api, method) {
            const fn = Reflect.get(api, method);
            if (typeof fn !== "function") return fn;
            return (...args: unknown[]) =>
              around({
                run: () => fn.apply(api, args),
                label: `${String(prop)}.${String(method)}`,
                namespace: String(prop),
                method: String(method),
                args,
              });
          },
        });
        namespaces.set(prop, wrapped);
      }
      return wrapped;
    },
  });
}

export interface ClerkClientConfig {
  apiUrl?: string;
  secretKey: string;
  publishableKey?: string;
  timeoutMs?: number;
}

/** A client for explicit settings (tests, scripts). */
export function createClerkClientFor(config: ClerkClientConfig): ClerkClient {
  const client = createClerkClient({
    secretKey: config.secretKey,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(config.publishableKey ? { publishableKey: config.publishableKey } : {}),
    telemetry: { disabled: true },
  });
  return withTimeouts(client, config.timeoutMs ?? clerkTimeoutMs());
}

let memo: { key: string; client: ClerkClient } | undefined;

/** The app's Clerk client, configured from the environment and memoized per configuration. */
export function getClerkClient(env: NodeJS.ProcessEnv = process.env): ClerkClient {
  const secretKey = env.CLERK_SECRET_KEY;
  if (!secretKey) {
    throw new AppError("internal", "The server is missing its Clerk configuration.", {
      cause: new Error("CLERK_SECRET_KEY is not set"),
    });
  }
  const config: ClerkClientConfig = {
    secretKey,
    apiUrl: env.CLERK_API_URL || undefined,
    publishableKey: env.CLERK_PUBLISHABLE_KEY || env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY || undefined,
    timeoutMs: clerkTimeoutMs(env),
  };
  const key = JSON.stringify(config);
  if (memo?.key !== key) memo = { key, client: createClerkClientFor(config) };
  return memo.client;
}
