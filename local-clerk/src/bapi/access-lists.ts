import type { LocalClerkContext } from "../context";
import { jsonObjectBody, optBool, reqString } from "../http/body";
import { clerkError } from "../http/errors";
import type { Router } from "../http/router";
import {
  type AccessIdentifierRecord,
  type AccessListKind,
  type InstanceRestrictions,
  RESTRICTION_KEYS,
} from "../state/access-lists";
import { deletedJson } from "../state/serialize";
import { rejectUnknown } from "./organization-params";
import { page } from "./params";

const INSTANCE_ID = "ins_local_clerk";

function identifierJson(r: AccessIdentifierRecord) {
  return {
    object: `${r.list}_identifier` as const,
    id: r.id,
    ...(r.list === "allowlist" && r.invitation_id ? { invitation_id: r.invitation_id } : {}),
    identifier: r.identifier,
    identifier_type: r.identifier_type,
    instance_id: INSTANCE_ID,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export function restrictionsJson(r: InstanceRestrictions) {
  return { object: "instance_restrictions" as const, ...r };
}

/** Allow-list and block-list identifiers (6 operations) and `PATCH /v1/instance/restrictions`, which turns them on. */
export function registerAccessListRoutes(router: Router, ctx: LocalClerkContext): void {
  const access = ctx.state.access;

  for (const list of ["allowlist", "blocklist"] as const satisfies readonly AccessListKind[]) {
    router.get(`/v1/${list}_identifiers`, ({ query }) => {
      const { limit, offset } = page(query);
      const all = access.list(list);
      const data = all.slice(offset, offset + limit).map(identifierJson);
      // The spec's allow-list answer is a plain array; the SDK asks `paginated=true` and reads {data, total_count}.
      if (list === "allowlist" && query.get("paginated") !== "true") return data;
      return { data, total_count: all.length };
    });

    router.post(`/v1/${list}_identifiers`, (rc) => {
      const body = jsonObjectBody(rc);
      rejectUnknown(body, list === "allowlist" ? ["identifier", "notify"] : ["identifier"]);
      const identifier = reqString(body, "identifier");
      const notify = list === "allowlist" ? optBool(body, "notify") : undefined;
      const parsed = access.validate(list, identifier);
      // `notify` invites a listed email address (not a domain) that has no account yet.
      const invite =
        notify &&
        parsed.type === "email_address" &&
        parsed.identifier.includes("@") &&
        !parsed.identifier.startsWith("*@")
          ? { emailAddress: parsed.identifier, ignoreExisting: true }
          : undefined;
      if (invite && ctx.state.users.findByEmail(invite.emailAddress)) {
        throw clerkError(
          422,
          "duplicate_record",
          "duplicate account",
          `There is already a user with the email address ${invite.emailAddress}.`,
          { param_name: "identifier" },
        );
      }
      const invitation = invite ? ctx.state.invitations.create(invite) : undefined;
      return identifierJson(access.add(list, identifier, { invitationId: invitation?.id }));
    });

    router.delete(`/v1/${list}_identifiers/:id`, ({ params }) => {
      const removed = access.remove(list, params.id as string);
      return deletedJson(`${list}_identifier`, removed.id);
    });
  }

  router.patch("/v1/instance/restrictions", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, RESTRICTION_KEYS);
    const patch: Partial<InstanceRestrictions> = {};
    for (const key of RESTRICTION_KEYS) {
      const v = optBool(body, key);
      if (v !== undefined) patch[key] = v;
    }
    return restrictionsJson(access.updateRestrictions(patch));
  });
}
