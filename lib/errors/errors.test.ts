import { ClerkAPIResponseError } from "@clerk/backend/errors";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AppError,
  ERROR_STATUS,
  type LogRecord,
  setLogSink,
  toActionResult,
  toAppError,
  toHttpResponse,
  toToolError,
  toToolErrorText,
} from "./index";

function clerkError(
  status: number | undefined,
  errors: { code: string; message: string; long_message?: string; meta?: { param_name?: string } }[],
  extra: { clerkTraceId?: string; retryAfter?: number } = {},
) {
  // Built the way @clerk/backend builds it for a failed response.
  const err = new ClerkAPIResponseError("", { data: [], status: status as number, ...extra });
  err.errors = errors.map((e) => ({
    code: e.code,
    message: e.message,
    longMessage: e.long_message,
    meta: { paramName: e.meta?.param_name },
  }));
  return err;
}

let records: LogRecord[] = [];
const restore = setLogSink((r) => records.push(r));
afterEach(() => {
  records = [];
});
afterAll(restore);

describe("AppError", () => {
  it.each(Object.entries(ERROR_STATUS))("%s has status %i and a default message", (code, status) => {
    const e = new AppError(code as keyof typeof ERROR_STATUS);
    expect(e.status).toBe(status);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.retryable).toBe(
      code === "rate_limited" || code === "upstream_unavailable" || code === "store_unavailable",
    );
  });

  it("keeps the cause for logs but out of the public views", () => {
    const cause = new Error("db password is hunter2");
    const e = new AppError("internal", undefined, { cause });
    expect(e.cause).toBe(cause);
    const result = toActionResult(e);
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(JSON.stringify(toToolError(e))).not.toContain("hunter2");
  });
});

describe("toAppError", () => {
  it("passes AppErrors through unchanged", () => {
    const e = AppError.notFound("User", "user_1");
    expect(toAppError(e)).toBe(e);
    expect(e.message).toBe("User user_1 was not found.");
  });

  it("maps zod errors to validation_failed with dotted field paths", () => {
    const schema = z.object({ email: z.email(), nested: z.object({ n: z.int() }) });
    const parsed = schema.safeParse({ email: "nope", nested: { n: 1.5 } });
    const e = toAppError(parsed.error);
    expect(e.code).toBe("validation_failed");
    expect(e.status).toBe(422);
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["email", "nested.n"]);
  });

  it("maps root-level zod issues to _form", () => {
    const schema = z
      .object({ a: z.string().optional() })
      .refine((v) => v.a !== undefined, { message: "need a" });
    const e = toAppError(schema.safeParse({}).error);
    expect(e.fieldErrors).toEqual({ _form: ["need a"] });
  });

  it.each([
    [404, "resource_not_found", "not_found"],
    [403, "operation_not_allowed", "forbidden"],
    [413, "request_body_too_large", "payload_too_large"],
    [409, "conflict", "conflict"],
    [400, "duplicate_record", "conflict"],
    [422, "form_identifier_exists", "conflict"],
    [400, "invitation_already_revoked", "conflict"],
    [422, "form_param_format_invalid", "validation_failed"],
    [400, "form_param_missing", "bad_request"],
    [500, "internal_clerk_error", "upstream_unavailable"],
    [502, "bad_gateway", "upstream_unavailable"],
    [503, "unavailable", "upstream_unavailable"],
  ] as const)("maps a Clerk %i %s to %s", (status, code, expected) => {
    const e = toAppError(clerkError(status, [{ code, message: "m", long_message: "Long message." }]));
    expect(e.code).toBe(expected);
  });

  it("keeps Clerk's trace id and user-facing message, and maps param names to field errors", () => {
    const e = toAppError(
      clerkError(
        422,
        [
          {
            code: "form_param_exceeds_allowed_size",
            message: "too big",
            long_message: "public_metadata exceeds 8192 bytes",
            meta: { param_name: "public_metadata" },
          },
        ],
        { clerkTraceId: "trace_123" },
      ),
    );
    expect(e.code).toBe("validation_failed");
    expect(e.traceId).toBe("trace_123");
    expect(e.message).toBe("public_metadata exceeds 8192 bytes");
    expect(e.fieldErrors).toEqual({ public_metadata: ["public_metadata exceeds 8192 bytes"] });
  });

  it("maps 429 to rate_limited with retryAfter", () => {
    const e = toAppError(
      clerkError(429, [{ code: "too_many_requests", message: "slow down" }], { retryAfter: 7 }),
    );
    expect(e).toMatchObject({ code: "rate_limited", status: 429, retryAfter: 7, retryable: true });
  });

  it("maps a Clerk 401 (our secret key refused) to internal, logged as an error", () => {
    const e = toAppError(clerkError(401, [{ code: "authentication_invalid", message: "bad key" }]));
    expect(e.code).toBe("internal");
    expect(records.some((r) => r.level === "error" && r.event === "clerk.secret_key_rejected")).toBe(true);
  });

  it("maps the SDK's network failure (no status) to upstream_unavailable", () => {
    const e = toAppError(clerkError(undefined, [{ code: "unexpected_error", message: "fetch failed" }]));
    expect(e.code).toBe("upstream_unavailable");
    expect(e.retryable).toBe(true);
  });

  it("maps aborts, timeouts and fetch failures to upstream_unavailable", () => {
    expect(toAppError(new DOMException("x", "TimeoutError")).code).toBe("upstream_unavailable");
    expect(toAppError(new DOMException("x", "AbortError")).code).toBe("upstream_unavailable");
    expect(toAppError(new TypeError("fetch failed")).code).toBe("upstream_unavailable");
  });

  it("maps anything else to internal with a generic message and logs the cause", () => {
    const e = toAppError(new RangeError("secret detail"));
    expect(e.code).toBe("internal");
    expect(e.message).not.toContain("secret");
    const logged = records.find((r) => r.event === "internal.unhandled");
    expect(JSON.stringify(logged)).toContain("secret detail");
    expect(toAppError("a string").code).toBe("internal");
  });
});

describe("adapters", () => {
  it("toHttpResponse writes the JSON envelope, status and Retry-After", async () => {
    const res = toHttpResponse(new AppError("rate_limited", undefined, { retryAfter: 2.2, traceId: "t1" }));
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toEqual({
      error: { code: "rate_limited", message: expect.any(String), traceId: "t1" },
    });
  });

  it("toHttpResponse includes field errors and maps unknown errors to 500", async () => {
    const res = toHttpResponse(AppError.validation({ email: ["Invalid email"] }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.fieldErrors).toEqual({ email: ["Invalid email"] });
    const internal = toHttpResponse(new Error("boom"));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(await internal.json())).not.toContain("boom");
  });

  it("toActionResult gives the discriminated failure shape", () => {
    expect(toActionResult(new AppError("upstream_unavailable"))).toEqual({
      ok: false,
      error: { code: "upstream_unavailable", message: expect.any(String), retryable: true },
    });
  });

  it("toToolError and toToolErrorText give the model something to act on", () => {
    const e = AppError.validation({ user_id: ["Must be a Clerk user id (user_…)."] });
    expect(toToolError(e)).toEqual({
      error: { code: "validation_failed", message: expect.any(String), fieldErrors: e.fieldErrors },
    });
    expect(toToolErrorText(e)).toContain("user_id: Must be a Clerk user id");
    expect(toToolErrorText(new AppError("rate_limited", undefined, { retryAfter: 3 }))).toContain(
      "retryable after 3s",
    );
  });
});
