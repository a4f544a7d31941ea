import type { LocalClerkContext } from "../context";
import { parseFaultRules, parseRateLimit } from "../faults";
import { isPlainObject, parseJson } from "../http/body";
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";

function badControl(message: string) {
  return clerkError(422, "form_param_value_invalid", "is invalid", message);
}

/** Test-only switches under /__local_clerk (Bearer secret key, except health). */
export function registerControlRoutes(router: Router, ctx: LocalClerkContext): void {
  router.get(
    "/__local_clerk/health",
    () => ({ object: "local_clerk_health", ok: true, users: ctx.state.users.size, kid: ctx.key.kid }),
    { auth: false },
  );

  router.get("/__local_clerk/requests", ({ query }) => {
    const since = query.get("since");
    return {
      data: ctx.requestLog.list({
        method: query.get("method") ?? undefined,
        pathPrefix: query.get("path_prefix") ?? undefined,
        sinceSeq: since ? Number(since) : undefined,
      }),
    };
  });
  router.delete("/__local_clerk/requests", () => {
    ctx.requestLog.clear();
    return { cleared: true };
  });

  router.get("/__local_clerk/faults", () => ({ data: ctx.faults.list() }));
  router.put("/__local_clerk/faults", (rc: RequestContext) => {
    const body = parseJson(rc);
    const rules = isPlainObject(body) ? body.faults : body;
    const seed = isPlainObject(body) && typeof body.seed === "number" ? body.seed : undefined;
    try {
      ctx.faults.configure(parseFaultRules(rules), seed);
    } catch (err) {
      throw badControl(err instanceof Error ? err.message : String(err));
    }
    return { data: ctx.faults.list() };
  });
  router.delete("/__local_clerk/faults", () => {
    ctx.faults.clear();
    return { data: [] };
  });

  router.get("/__local_clerk/rate-limit", () => ({ config: ctx.rateLimiter.config }));
  router.put("/__local_clerk/rate-limit", (rc) => {
    const body = parseJson(rc);
    try {
      if (body === false || (isPlainObject(body) && body.enabled === false)) ctx.rateLimiter.set(false);
      else if (typeof body === "string") ctx.rateLimiter.set(parseRateLimit(body));
      else if (
        isPlainObject(body) &&
        typeof body.requests === "number" &&
        typeof body.windowMs === "number"
      ) {
        ctx.rateLimiter.set({ requests: body.requests, windowMs: body.windowMs });
      } else
        throw new Error('body must be {"requests":100,"windowMs":10000}, "100/10s" or {"enabled":false}');
    } catch (err) {
      throw badControl(err instanceof Error ? err.message : String(err));
    }
    return { config: ctx.rateLimiter.config };
  });

  router.get("/__local_clerk/time", () => ({
    now: ctx.state.clock.now(),
    offsetMs: ctx.state.clock.offsetMs,
  }));
  router.put("/__local_clerk/time", (rc) => {
    const body = parseJson(rc);
    if (!isPlainObject(body) || typeof body.offsetMs !== "number")
      throw badControl('body must be {"offsetMs": number}');
    ctx.state.clock.offsetMs = body.offsetMs;
    return { now: ctx.state.clock.now(), offsetMs: ctx.state.clock.offsetMs };
  });

  router.get("/__local_clerk/webhooks", () => ({
    enabled: ctx.webhooks.enabled,
    data: ctx.webhooks.deliveries,
  }));
  router.post("/__local_clerk/webhooks/:id/redeliver", async ({ params }) => {
    const delivery = await ctx.webhooks.redeliver(params.id ?? "");
    if (!delivery) throw badControl(`no webhook delivery ${params.id ?? ""} to resend`);
    return delivery;
  });
}
