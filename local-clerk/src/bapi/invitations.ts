import type { LocalClerkContext } from "../context";
import {
  isPlainObject,
  type JsonObject,
  jsonObjectBody,
  optBool,
  optInt,
  optObject,
  optString,
  parseJson,
  reqString,
} from "../http/body";
import { clerkError } from "../http/errors";
import type { Router } from "../http/router";
import type { CreateInvitationInput } from "../state/invitations";
import { invitationJson } from "../state/serialize";
import { oneOf, page, str } from "./params";

function createInput(body: JsonObject): CreateInvitationInput {
  return {
    emailAddress: reqString(body, "email_address"),
    publicMetadata: optObject(body, "public_metadata"),
    redirectUrl: optString(body, "redirect_url"),
    ignoreExisting: optBool(body, "ignore_existing"),
    expiresInDays: optInt(body, "expires_in_days", 1, 365),
  };
}

export function registerInvitationRoutes(router: Router, ctx: LocalClerkContext): void {
  const invitations = ctx.state.invitations;
  const json = (i: Parameters<typeof invitationJson>[0]) => invitationJson(i, ctx.baseUrl());

  router.post("/v1/invitations", (rc) => {
    const body = jsonObjectBody(rc);
    optBool(body, "notify");
    return json(invitations.create(createInput(body)));
  });

  router.post("/v1/invitations/bulk", (rc) => {
    const body = parseJson(rc);
    if (!Array.isArray(body) || body.length < 1 || body.length > 10 || !body.every(isPlainObject)) {
      throw clerkError(
        422,
        "form_param_value_invalid",
        "is invalid",
        "The body must be an array of 1 to 10 invitation objects.",
      );
    }
    const inputs = body.map((b) => createInput(b as JsonObject));
    // All-or-nothing: validate every item (including duplicates within the batch) before creating any.
    const seen = new Set<string>();
    for (const input of inputs) {
      invitations.validate(input);
      const lower = input.emailAddress.toLowerCase();
      if (seen.has(lower) && !input.ignoreExisting) {
        throw clerkError(
          400,
          "duplicate_record",
          "duplicate invitation",
          `${input.emailAddress} appears more than once in this request.`,
          { param_name: "email_address" },
        );
      }
      seen.add(lower);
    }
    return inputs.map((input) => json(invitations.create(input)));
  });

  router.get("/v1/invitations", ({ query }) => {
    const status = oneOf(query, "status", ["pending", "accepted", "revoked", "expired"] as const);
    const { limit, offset } = page(query);
    const all = invitations.list({ status, query: str(query, "query") }, str(query, "order_by"));
    const data = all.slice(offset, offset + limit).map(json);
    return query.get("paginated") === "true" ? { data, total_count: all.length } : data;
  });

  router.get("/v1/invitations/:id", ({ params }) => {
    const inv = invitations.get(params.id as string);
    if (!inv)
      throw clerkError(404, "resource_not_found", "not found", "The requested invitation was not found.");
    return json(inv);
  });

  router.post("/v1/invitations/:id/revoke", ({ params }) => json(invitations.revoke(params.id as string)));
}
