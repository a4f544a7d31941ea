import { type AddressInfo, createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  ClerkTimeoutError,
  clerkTimeoutMs,
  createClerkClientFor,
  getClerkClient,
  withTimeout,
} from "./client";

const env = (extra: Record<string, string> = {}) =>
  ({
    CLERK_SECRET_KEY: "sk_live_test",
    CLERK_API_URL: "http://127.0.0.1:1",
    ...extra,
  }) as unknown as NodeJS.ProcessEnv;

describe("getClerkClient", () => {
  it("refuses to run without a secret key, as an internal error", () => {
    expect(() => getClerkClient({} as NodeJS.ProcessEnv)).toThrow(AppError);
    try {
      getClerkClient({} as NodeJS.ProcessEnv);
    } catch (err) {
      expect((err as AppError).code).toBe("internal");
    }
  });

  it("memoizes per configuration", () => {
    const a = getClerkClient(env());
    expect(getClerkClient(env())).toBe(a);
    expect(getClerkClient(env({ CLERK_API_URL: "http://127.0.0.1:2" }))).not.toBe(a);
  });

  it("reads CLERK_TIMEOUT_MS, defaulting to 10 s", () => {
    expect(clerkTimeoutMs(env())).toBe(10_000);
    expect(clerkTimeoutMs(env({ CLERK_TIMEOUT_MS: "2500" }))).toBe(2500);
    expect(clerkTimeoutMs(env({ CLERK_TIMEOUT_MS: "soon" }))).toBe(10_000);
  });

  it("turns an unreachable Clerk into a rejected call, not a hang", async () => {
    // Accepts the connection and never answers: only the client's own timer can end the call.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const clerk = createClerkClientFor({
        apiUrl: `http://127.0.0.1:${port}`,
        secretKey: "sk_live_x",
        timeoutMs: 300,
      });
      const call = clerk.users.getUser("user_1");
      await expect(call).rejects.toBeDefined();
      await expect(call).rejects.toBeInstanceOf(ClerkTimeoutError);
      expect(sockets.size).toBeGreaterThan(0);
      expect(typeof clerk.authenticateRequest).toBe("function");
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("withTimeout", () => {
  it("rejects with upstream_unavailable when the promise outlives the timeout", async () => {
    const never = new Promise<never>(() => {});
    const err = await withTimeout(never, 50, "users.getUser").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClerkTimeoutError);
    expect(err).toMatchObject({ code: "upstream_unavailable", operation: "users.getUser", timeoutMs: 50 });
  });

  it("passes results and errors through untouched", async () => {
    await expect(withTimeout(Promise.resolve(7), 50, "x")).resolves.toBe(7);
    const boom = new Error("boom");
    await expect(withTimeout(Promise.reject(boom), 50, "x")).rejects.toBe(boom);
  });
});
