import type { LocalClerkContext } from "../context";
import {
  type JsonObject,
  jsonObjectBody,
  optBool,
  optObject,
  optString,
  optStringArray,
  reqString,
} from "../http/body";
import { clerkError, invalidParam } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import type { UserIdentifierFields } from "../state/identifier-types";
import { deletedJson, userJson } from "../state/serialize";
import { parseUserOrder, type UserFilter, type UserOrder } from "../state/user-query";
import type { UpdateUserInput } from "../state/users";
import { bool, list, optNumber, page, str } from "./params";
import { countUsers, withOrganizationFilter } from "./user-organization-filter";

/** An array filter of the spec: repeatable or comma-separated, at most 100 values. */
function capped(q: URLSearchParams, key: string): string[] | undefined {
  const values = list(q, key);
  if (values && values.length > 100) throw invalidParam(key, `${key} accepts up to 100 values.`);
  return values;
}

export function userFilter(q: URLSearchParams): UserFilter {
  const provider = str(q, "provider");
  const providerUserIds = capped(q, "provider_user_id");
  if (!provider !== !providerUserIds) {
    const missing = provider ? "provider_user_id" : "provider";
    throw invalidParam(missing, "provider and provider_user_id must be used together.");
  }
  return {
    query: str(q, "query"),
    emailAddresses: capped(q, "email_address"),
    phoneNumbers: capped(q, "phone_number"),
    web3Wallets: capped(q, "web3_wallet"),
    userIds: capped(q, "user_id"),
    externalIds: capped(q, "external_id"),
    usernames: capped(q, "username"),
    provider,
    providerUserIds,
    emailAddressQuery: str(q, "email_address_query"),
    phoneNumberQuery: str(q, "phone_number_query"),
    usernameQuery: str(q, "username_query"),
    nameQuery: str(q, "name_query"),
    banned: bool(q, "banned"),
    createdAtBefore: optNumber(q, "created_at_before"),
    createdAtAfter: optNumber(q, "created_at_after"),
    lastActiveAtBefore: optNumber(q, "last_active_at_before"),
    lastActiveAtAfter: optNumber(q, "last_active_at_after") ?? optNumber(q, "last_active_at_since"),
    lastSignInAtBefore: optNumber(q, "last_sign_in_at_before"),
    lastSignInAtAfter: optNumber(q, "last_sign_in_at_after"),
  };
}

/** `starting_after`: only over `created_at` order and without an offset (Clerk's 422s otherwise). */
function cursor(ctx: LocalClerkContext, q: URLSearchParams, order: UserOrder, offset: number) {
  const id = str(q, "starting_after");
  if (id === undefined) return undefined;
  if (order.field !== "created_at") {
    throw invalidParam("starting_after", "starting_after requires ordering by created_at.");
  }
  if (offset !== 0) throw invalidParam("starting_after", "starting_after cannot be combined with offset.");
  const user = ctx.state.users.get(id);
  if (!user) throw invalidParam("starting_after", "starting_after must be the id of an existing user.");
  return user;
}

/** The in-process handler the benchmark times: parse, filter, sort, page, serialize. */
export function listUsersHandler(ctx: LocalClerkContext, q: URLSearchParams) {
  const filter = withOrganizationFilter(ctx, q, userFilter(q));
  const order = parseUserOrder(q.getAll("order_by")[0]);
  const { limit, offset } = page(q);
  const after = cursor(ctx, q, order, offset);
  if (!filter) return [];
  return ctx.state.users.list(filter, order, limit, offset, after).map(userJson);
}

function metadataField(body: JsonObject, key: string) {
  const v = optObject(body, key);
  return v === null ? {} : v;
}

/** PATCH's phone primary, TOTP and backup codes, checked against the current user. */
function identifierUpdate(ctx: LocalClerkContext, id: string, body: JsonObject): UserIdentifierFields {
  const user = ctx.state.users.require(id);
  const out: UserIdentifierFields = {};
  const primaryPhone = optString(body, "primary_phone_number_id");
  if (primaryPhone) {
    if (!user.phones?.some((p) => p.id === primaryPhone && p.verified)) {
      throw invalidParam(
        "primary_phone_number_id",
        "primary_phone_number_id must be a verified phone number of this user.",
      );
    }
    out.primary_phone_number_id = primaryPhone;
  }
  const totp = optString(body, "totp_secret");
  const codes = optStringArray(body, "backup_codes");
  if (totp) out.totp_enabled = true;
  if (codes) out.backup_codes = codes;
  if (totp || codes?.length) out.mfa_enabled_at = ctx.state.clock.now();
  return out;
}

function updateInput(body: JsonObject): UpdateUserInput {
  const input: UpdateUserInput = {
    firstName: optString(body, "first_name"),
    lastName: optString(body, "last_name"),
    username: optString(body, "username"),
    externalId: optString(body, "external_id"),
    password: optString(body, "password") ?? undefined,
    primaryEmailAddressId: optString(body, "primary_email_address_id") ?? undefined,
    publicMetadata: metadataField(body, "public_metadata"),
    privateMetadata: metadataField(body, "private_metadata"),
    unsafeMetadata: metadataField(body, "unsafe_metadata"),
  };
  optBool(body, "skip_password_checks");
  return input;
}

export function registerUserRoutes(router: Router, ctx: LocalClerkContext): void {
  const users = ctx.state.users;

  router.get("/v1/users", ({ query }) => listUsersHandler(ctx, query));

  router.get("/v1/users/count", ({ query }) => {
    parseUserOrder(query.getAll("order_by")[0]);
    const filter = withOrganizationFilter(ctx, query, userFilter(query));
    return { object: "total_count", total_count: filter ? countUsers(ctx, filter) : 0 };
  });

  router.post("/v1/users", (rc) => {
    const body = jsonObjectBody(rc);
    const emails = optStringArray(body, "email_address");
    const user = users.create({
      emailAddresses: emails,
      phoneNumbers: optStringArray(body, "phone_number"),
      web3Wallets: optStringArray(body, "web3_wallet"),
      totpSecret: optString(body, "totp_secret"),
      backupCodes: optStringArray(body, "backup_codes"),
      firstName: optString(body, "first_name"),
      lastName: optString(body, "last_name"),
      username: optString(body, "username"),
      externalId: optString(body, "external_id"),
      password: optString(body, "password"),
      publicMetadata: metadataField(body, "public_metadata"),
      privateMetadata: metadataField(body, "private_metadata"),
      unsafeMetadata: metadataField(body, "unsafe_metadata"),
    });
    return userJson(user);
  });

  router.get("/v1/users/:id", ({ params }) => userJson(users.require(params.id as string)));

  router.patch("/v1/users/:id", (rc) => {
    const body = jsonObjectBody(rc);
    const id = rc.params.id as string;
    const signOut = optBool(body, "sign_out_of_other_sessions") === true;
    const user = users.update(id, { ...updateInput(body), identifiers: identifierUpdate(ctx, id, body) });
    // A backend call has no "current" session, so "other sessions" are all of them.
    if (signOut && body.password !== undefined) ctx.state.sessions.revokeAllForUser(user.id);
    return userJson(user);
  });

  router.delete("/v1/users/:id", ({ params }) => {
    const user = users.delete(params.id as string);
    ctx.state.sessions.removeAllForUser(user.id);
    return deletedJson("user", user.id);
  });

  router.patch("/v1/users/:id/metadata", (rc) => {
    const body = jsonObjectBody(rc);
    const pick = (key: string) => optObject(body, key) ?? undefined;
    const patch = {
      publicMetadata: pick("public_metadata"),
      privateMetadata: pick("private_metadata"),
      unsafeMetadata: pick("unsafe_metadata"),
    };
    return userJson(users.mergeMetadata(rc.params.id as string, patch));
  });

  // Replace semantics: each supplied object overwrites that metadata field; omitted ones stay.
  router.put("/v1/users/:id/metadata", (rc) => {
    const body = jsonObjectBody(rc);
    return userJson(
      users.update(rc.params.id as string, {
        publicMetadata: metadataField(body, "public_metadata"),
        privateMetadata: metadataField(body, "private_metadata"),
        unsafeMetadata: metadataField(body, "unsafe_metadata"),
      }),
    );
  });

  const flag = (path: string, flags: { banned?: boolean; locked?: boolean }) =>
    router.post(`/v1/users/:id/${path}`, ({ params }: RequestContext) => {
      const user = users.setFlags(params.id as string, flags);
      if (flags.banned) ctx.state.sessions.revokeAllForUser(user.id);
      return userJson(user);
    });
  flag("ban", { banned: true });
  flag("unban", { banned: false });
  flag("lock", { locked: true });
  flag("unlock", { locked: false });

  router.post("/v1/users/:id/verify_password", (rc) => {
    const body = jsonObjectBody(rc);
    const password = reqString(body, "password");
    if (!users.verifyPassword(rc.params.id as string, password)) {
      throw clerkError(
        422,
        "incorrect_password",
        "Password is incorrect",
        "The provided password is incorrect.",
        {
          param_name: "password",
        },
      );
    }
    return { verified: true };
  });
}
