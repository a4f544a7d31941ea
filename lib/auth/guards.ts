import "server-only";
import { auth } from "@clerk/nextjs/server";
import { forbidden, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import {
  type ActionResult,
  AppError,
  ok,
  Stale,
  toActionResult,
  toHttpResponse,
  zodFieldErrors,
} from "@/lib/errors";
import { assertPermission, type ConsoleAuth, getConsoleAuth } from "./console-auth";
import { decideAccess, type Permission } from "./policy";
import { assertJsonBody, assertSameOrigin, isStateChanging } from "./same-origin";

/**
 * For server components (pages, layouts). Signed out -> Clerk's sign-in redirect (back to this page);
 * signed in without the permission -> Next's forbidden() (HTTP 403 + app/forbidden.tsx).
 */
export async function requirePageAccess(permission: Permission = "read"): Promise<ConsoleAuth> {
  const subject = await getConsoleAuth();
  const decision = decideAccess(subject, permission);
  if (decision.allowed && subject) return subject;
  if (!subject) {
    const { redirectToSignIn } = await auth();
    return redirectToSignIn();
  }
  return forbidden();
}

function formDataToObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

type Answer<R> = Exclude<R, Stale<unknown>>;
type FreshOf<R> = R extends Stale<infer F> ? F : never;

/**
 * Wraps a server action: checks the permission first (so unauthorised callers learn nothing about the
 * input), then validates with the schema, then runs fn. Never throws; returns ActionResult. fn may return
 * `stale(message, fresh)` to answer a conflict that carries the current state.
 * Usage, in lib/actions/<domain>.ts only: `export const revokeSessionAction = authorizedAction("write", schema, fn);`
 */
export function authorizedAction<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  fn: (input: z.output<S>, auth: ConsoleAuth) => Promise<R>,
): (input: z.input<S> | FormData) => Promise<ActionResult<Answer<R>, FreshOf<R>>> {
  return async (input) => {
    try {
      const subject = await getConsoleAuth();
      assertPermission(subject, permission, "action");
      const parsed = schema.safeParse(input instanceof FormData ? formDataToObject(input) : input);
      if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
      const out = await fn(parsed.data, subject);
      if (out instanceof Stale) {
        return { ok: false, error: { code: out.code, message: out.message }, fresh: out.fresh };
      }
      return ok(out as Answer<R>);
    } catch (err) {
      unstable_rethrow(err);
      return toActionResult(err);
    }
  };
}

/**
 * Wraps a route handler: 401 / 403 JSON (lib/errors shape) before the handler runs; any AppError the
 * handler throws becomes its JSON response. Every method but GET/HEAD/OPTIONS is refused unless it
 * comes from the console's own origin (403 cross_origin, before the session is even read) and carries
 * a JSON body (415): the session cookie alone never authorizes a change.
 */
export function authorizedRoute<P = Record<string, string | string[]>>(
  permission: Permission,
  handler: (request: Request, ctx: { auth: ConsoleAuth; params: P }) => Promise<Response>,
): (request: Request, routeContext: { params: Promise<P> }) => Promise<Response> {
  return async (request, routeContext) => {
    try {
      const changes = isStateChanging(request.method);
      if (changes) assertSameOrigin(request);
      const subject = await getConsoleAuth();
      assertPermission(subject, permission, "route");
      if (changes) assertJsonBody(request);
      const params = (await routeContext?.params) ?? ({} as P);
      return await handler(request, { auth: subject, params });
    } catch (err) {
      unstable_rethrow(err);
      return toHttpResponse(err);
    }
  };
}
