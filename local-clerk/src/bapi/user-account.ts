import type { LocalClerkContext } from "../context";
import { jsonObjectBody } from "../http/body";
import { clerkError } from "../http/errors";
import type { Router } from "../http/router";
import { userJson } from "../state/serialize";
import type { UserRecord } from "../state/types";
import { registerBillingRoutes } from "./billing";
import { readLogo, sendImage } from "./organization-logo";

/**
 * `{user_ids: [1..50 strings]}`, every id an existing user, checked before any write. The spec gives
 * these endpoints 400 (no 404 or 422), so every refusal is a 400.
 */
function bulkUsers(ctx: LocalClerkContext, body: Record<string, unknown>): UserRecord[] {
  const refuse = (code: string, message: string) =>
    clerkError(400, code, message, message, { param_name: "user_ids" });
  for (const key of Object.keys(body)) {
    if (key !== "user_ids")
      throw refuse("form_param_unknown", `${key} is not a valid parameter for this request.`);
  }
  const ids = body.user_ids;
  if (ids === undefined || ids === null) throw refuse("form_param_missing", "user_ids must be included.");
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== "string") || ids.length < 1 || ids.length > 50) {
    throw refuse("form_param_value_invalid", "user_ids must be an array of 1 to 50 user ids.");
  }
  return [...new Set(ids as string[])].map((id) => {
    const user = ctx.state.users.get(id);
    if (!user) throw refuse("resource_not_found", `No user was found with id ${id}.`);
    return user;
  });
}

/** Bulk ban/unban, profile image and billing of a user. */
export function registerUserAccountRoutes(router: Router, ctx: LocalClerkContext): void {
  const users = ctx.state.users;

  for (const [path, banned] of [
    ["ban", true],
    ["unban", false],
  ] as const) {
    router.post(`/v1/users/${path}`, (rc) => {
      const targets = bulkUsers(ctx, jsonObjectBody(rc));
      return targets.map((u) => {
        const next = users.setFlags(u.id, { banned });
        if (banned) ctx.state.sessions.revokeAllForUser(u.id);
        return userJson(next);
      });
    });
  }

  router.post("/v1/users/:id/profile_image", async (rc) => {
    const user = users.require(rc.params.id as string);
    const { logo } = await readLogo(rc);
    const version = ctx.state.clock.now();
    const url = `${ctx.baseUrl()}/__local_clerk/images/users/${user.id}?v=${version}`;
    return userJson(users.modify(user.id, (u) => ({ ...u, image: { ...logo, url } })));
  });

  router.delete("/v1/users/:id/profile_image", ({ params }) => {
    const user = users.modify(params.id as string, (u) => {
      if (!u.image) throw clerkError(404, "image_not_found", "Image not found", "Image not found");
      return { ...u, image: null };
    });
    return userJson(user);
  });

  // Stored in Local Clerk's state and served here, so image_url works offline.
  router.get(
    "/__local_clerk/images/users/:id",
    (rc) => {
      const image = users.get(rc.params.id as string)?.image;
      if (!image) throw clerkError(404, "image_not_found", "Image not found", "Image not found");
      return sendImage(rc, image);
    },
    { auth: false },
  );

  registerBillingRoutes(router, ctx, "/v1/users", {
    require: (id) => users.require(id),
    // Credits are not a user field Clerk reports, so no user.updated event.
    saveLedger: (id, ledger) => users.load({ ...users.require(id), credit_ledger: ledger }),
  });
}
