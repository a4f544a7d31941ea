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
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { deletedJson, userJson } from "../state/serialize";
import { parseUserOrder, type UserFilter } from "../state/user-query";
import type { UpdateUserInput } from "../state/users";
import { bool, list, optNumber, page, str } from "./params";
import { countUsers, withOrganizationFilter } from "./user-organization-filter";

export function userFilter(q: URLSearchParams): UserFilter {
  return {
    query: str(q, "query"),
    emailAddresses: list(q, "email_address"),
    userIds: list(q, "user_id"),
    externalIds: list(q, "external_id"),
    usernames: list(q, "username"),
    emailAddressQuery: str(q, "email_address_query"),
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

/** The in-process handler the benchmark times: parse, filter, sort, page, serialize. */
export function listUsersHandler(ctx: LocalClerkContext, q: URLSearchParams) {
  const filter = withOrganizationFilter(ctx, q, userFilter(q));
  const order = parseUserOrder(q.getAll("order_by")[0]);
  const { limit, offset } = page(q);
  if (!filter) return [];
  return ctx.state.users.list(filter, order, limit, offset).map(userJson);
}

function metadataField(body: JsonObject, key: string) {
  const v = optObject(body, key);
  return v === null ? {} : v;
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
    return userJson(users.update(rc.params.id as string, updateInput(body)));
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
