import type { LocalClerkContext } from "../context";
import { jsonObjectBody, optBool, reqString } from "../http/body";
import { clerkError, notFound } from "../http/errors";
import type { Router } from "../http/router";
import { LOCAL_VERIFICATION_CODE } from "../state/identifier-types";
import { deletedJson, userJson } from "../state/serialize";
import type { UserRecord } from "../state/types";
import { rejectUnknown } from "./organization-params";

const noPasswordSet = () =>
  clerkError(400, "no_password_set", "no password set", "This user has no password set.");

/**
 * Second factors, passkeys, web3 wallets, external accounts and the password state of a user. Local
 * Clerk has no authenticator app: a user with TOTP accepts the fixed local code (424242) and each of
 * its backup codes once.
 */
export function registerUserFactorRoutes(router: Router, ctx: LocalClerkContext): void {
  const users = ctx.state.users;
  const userId = (p: Record<string, string>) => p.id as string;

  router.delete("/v1/users/:id/mfa", ({ params }) => {
    const user = users.modify(userId(params), (u, now) => ({
      ...u,
      totp_enabled: false,
      backup_codes: [],
      phones: (u.phones ?? []).map((p) => ({
        ...p,
        reserved_for_second_factor: false,
        default_second_factor: false,
      })),
      mfa_disabled_at: u.totp_enabled || u.backup_codes?.length ? now : (u.mfa_disabled_at ?? null),
    }));
    return { user_id: user.id };
  });

  router.delete("/v1/users/:id/totp", ({ params }) => {
    const user = users.modify(userId(params), (u, now) => {
      if (!u.totp_enabled) throw clerkError(404, "resource_not_found", "not found", "This user has no TOTP.");
      return { ...u, totp_enabled: false, mfa_disabled_at: now };
    });
    return { user_id: user.id };
  });

  router.delete("/v1/users/:id/backup_code", ({ params }) => {
    const user = users.modify(userId(params), (u) => {
      if (!u.backup_codes?.length) {
        throw clerkError(404, "resource_not_found", "not found", "This user has no backup codes.");
      }
      return { ...u, backup_codes: [] };
    });
    return { user_id: user.id };
  });

  router.post("/v1/users/:id/verify_totp", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["code"]);
    const code = reqString(body, "code");
    const user = users.require(userId(rc.params));
    if (!user.totp_enabled && !user.backup_codes?.length) {
      throw clerkError(
        400,
        "totp_not_enabled",
        "TOTP is not enabled",
        "This user has no TOTP or backup codes.",
      );
    }
    if (user.totp_enabled && code === LOCAL_VERIFICATION_CODE) return { verified: true, code_type: "totp" };
    if (user.backup_codes?.includes(code)) {
      users.modify(user.id, (u) => ({
        ...u,
        backup_codes: (u.backup_codes ?? []).filter((c) => c !== code),
      }));
      return { verified: true, code_type: "backup_code" };
    }
    throw clerkError(422, "form_code_incorrect", "Incorrect code", "The code is incorrect.", {
      param_name: "code",
    });
  });

  const removeItem = (
    path: string,
    field: "passkeys" | "web3_wallets" | "external_accounts",
    object: string,
  ) =>
    router.delete(`/v1/users/:id/${path}/:item`, ({ params }) => {
      const item = params.item as string;
      users.modify(userId(params), (u) => {
        const items: { id: string }[] = u[field] ?? [];
        if (!items.some((x) => x.id === item)) throw notFound(object.replace("_", " "));
        return { ...u, [field]: items.filter((x) => x.id !== item) } as UserRecord;
      });
      return deletedJson(object, item);
    });
  removeItem("passkeys", "passkeys", "passkey");
  removeItem("web3_wallets", "web3_wallets", "web3_wallet");
  removeItem("external_accounts", "external_accounts", "external_account");

  // Mobile trusted devices need Clerk's native SDKs; Local Clerk has none to list or revoke.
  router.get("/v1/users/:id/trusted_devices", ({ params }) => {
    users.require(userId(params));
    return { data: [], total_count: 0 };
  });
  router.delete("/v1/users/:id/trusted_devices/:device", ({ params }) => {
    users.require(userId(params));
    throw notFound("trusted device");
  });

  // No OAuth provider is reachable offline, so there is never a provider token to hand out.
  router.get("/v1/users/:id/oauth_access_tokens/:provider", ({ params, query }) => {
    users.require(userId(params));
    return query.get("paginated") === "true" ? { data: [], total_count: 0 } : [];
  });

  router.post("/v1/users/:id/remove_password", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["sign_out_of_other_sessions"]);
    const signOut = optBool(body, "sign_out_of_other_sessions");
    const user = users.modify(userId(rc.params), (u) => {
      if (!u.password_hash) throw noPasswordSet();
      return { ...u, password_hash: null, password_compromised: false };
    });
    if (signOut) ctx.state.sessions.revokeAllForUser(user.id);
    return userJson(user);
  });

  router.post("/v1/users/:id/password/set_compromised", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["revoke_all_sessions"]);
    const revoke = optBool(body, "revoke_all_sessions");
    const user = users.modify(userId(rc.params), (u) => {
      if (!u.password_hash) throw noPasswordSet();
      return { ...u, password_compromised: true };
    });
    if (revoke) ctx.state.sessions.revokeAllForUser(user.id);
    return userJson(user);
  });

  router.post("/v1/users/:id/password/unset_compromised", ({ params }) =>
    userJson(users.modify(userId(params), (u) => ({ ...u, password_compromised: false }))),
  );
}
