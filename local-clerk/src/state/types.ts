import type { AccessSnapshot } from "./access-lists";
import type { AdminEvent, AdminSnapshot } from "./admin-types";
import type { OtpVerification, UserIdentifierFields } from "./identifier-types";
import type { OrganizationEvent, OrganizationSnapshot } from "./organization-types";
import type { TicketSnapshot } from "./sign-in-tickets";

export type Metadata = Record<string, unknown>;

export interface EmailRecord {
  id: string;
  email_address: string;
  verified: boolean;
  /** Unverified but held for this user (PUT /users/{id}/email_address, `reserved`). */
  reserved?: boolean;
  verification?: OtpVerification | null;
  created_at: number;
  updated_at: number;
}

export interface UserRecord extends UserIdentifierFields {
  id: string;
  external_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  emails: EmailRecord[];
  primary_email_address_id: string | null;
  /** `scrypt$<salt b64>$<hash b64>`; null when the user has no password (most seeded users). */
  password_hash: string | null;
  password_last_updated_at: number | null;
  public_metadata: Metadata;
  private_metadata: Metadata;
  unsafe_metadata: Metadata;
  banned: boolean;
  locked: boolean;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
  last_active_at: number | null;
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export interface InvitationRecord {
  id: string;
  email_address: string;
  public_metadata: Metadata;
  redirect_url: string | null;
  status: InvitationStatus;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export type SessionStatus = "active" | "revoked" | "ended" | "expired" | "removed" | "abandoned" | "replaced";

export interface SessionRecord {
  id: string;
  client_id: string;
  user_id: string;
  status: SessionStatus;
  last_active_at: number;
  expire_at: number;
  abandon_at: number;
  created_at: number;
  updated_at: number;
  /** The session's active organization (FAPI setActive); absent in older snapshots. */
  last_active_organization_id?: string | null;
  /** Impersonation: the actor token's `actor` (Clerk's `act` claim); absent for ordinary sign-ins. */
  actor?: Metadata | null;
  /** Device, browser and place of the sign-in (BAPI's latest_activity); absent in older snapshots. */
  activity?: SessionActivityRecord;
}

export interface SessionActivityRecord {
  device_type: string;
  is_mobile: boolean;
  browser_name: string;
  browser_version: string;
  ip_address: string;
  city?: string;
  country?: string;
}

export interface ClientRecord {
  id: string;
  session_ids: string[];
  last_active_session_id: string | null;
  sign_in_id: string | null;
  sign_up_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface StateSnapshot extends OrganizationSnapshot, AccessSnapshot, TicketSnapshot, AdminSnapshot {
  version: 1;
  users: UserRecord[];
  invitations: InvitationRecord[];
  clients: ClientRecord[];
  sessions: SessionRecord[];
}

export type StateEventType =
  | "user.created"
  | "user.updated"
  | "user.deleted"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted"
  | "session.created"
  | "session.revoked"
  | "session.ended"
  | "session.removed";

export type StateEvent =
  | { type: "user.created" | "user.updated"; user: UserRecord }
  | { type: "user.deleted"; user: UserRecord }
  | {
      type: "invitation.created" | "invitation.revoked" | "invitation.accepted";
      invitation: InvitationRecord;
    }
  | {
      type: "session.created" | "session.revoked" | "session.ended" | "session.removed";
      session: SessionRecord;
    }
  | OrganizationEvent
  | AdminEvent;

export interface Clock {
  now(): number;
}
