import type { JwtTemplateRecord, WaitlistEntryRecord } from "./admin-types";
import { invitationJson } from "./serialize";
import type { InvitationRecord } from "./types";

export function waitlistEntryJson(
  e: WaitlistEntryRecord,
  inv: InvitationRecord | undefined,
  baseUrl: string,
) {
  return {
    object: "waitlist_entry" as const,
    id: e.id,
    email_address: e.email_address,
    status: e.status,
    is_locked: false,
    invitation: inv ? invitationJson(inv, baseUrl) : null,
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function jwtTemplateJson(t: JwtTemplateRecord) {
  return {
    object: "jwt_template" as const,
    id: t.id,
    name: t.name,
    claims: t.claims,
    lifetime: t.lifetime,
    allowed_clock_skew: t.allowed_clock_skew,
    custom_signing_key: false,
    signing_algorithm: "RS256",
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}
