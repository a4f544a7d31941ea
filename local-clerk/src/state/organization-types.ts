import type { InvitationStatus, Metadata } from "./types";

export interface OrganizationLogo {
  content_type: string;
  data_base64: string;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  slug: string;
  created_by: string | null;
  /** 0 means unlimited, like Clerk. */
  max_allowed_memberships: number;
  admin_delete_enabled: boolean;
  public_metadata: Metadata;
  private_metadata: Metadata;
  logo: OrganizationLogo | null;
  /** Billing credit adjustments (`POST .../billing/credits`); absent until the first one. */
  credit_ledger?: CreditLedgerEntry[];
  created_at: number;
  updated_at: number;
}

export interface CreditLedgerEntry {
  id: string;
  idempotency_key: string;
  /** Cents; negative for a decrease. */
  amount: number;
  currency: string;
  note: string | null;
  created_at: number;
}

export interface OrganizationMembershipRecord {
  id: string;
  organization_id: string;
  user_id: string;
  /** Role key, e.g. `org:admin`. */
  role: string;
  public_metadata: Metadata;
  private_metadata: Metadata;
  /**
   * When this membership was last made the user's active organization (BAPI create, FAPI
   * setActive). The newest one becomes the active organization of the user's next session.
   */
  activated_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface OrganizationInvitationRecord {
  id: string;
  organization_id: string;
  email_address: string;
  role: string;
  inviter_id: string | null;
  public_metadata: Metadata;
  private_metadata: Metadata;
  redirect_url: string | null;
  status: InvitationStatus;
  /** The user who accepted it. */
  user_id: string | null;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export type PermissionType = "system" | "user";

export interface PermissionRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  type: PermissionType;
  created_at: number;
  updated_at: number;
}

export interface RoleRecord {
  id: string;
  key: string;
  name: string;
  description: string | null;
  permission_ids: string[];
  is_creator_eligible: boolean;
  created_at: number;
  updated_at: number;
}

export interface OrganizationSnapshot {
  organizations?: OrganizationRecord[];
  organization_memberships?: OrganizationMembershipRecord[];
  organization_invitations?: OrganizationInvitationRecord[];
  organization_roles?: RoleRecord[];
  organization_permissions?: PermissionRecord[];
}

export type OrganizationEventType =
  | "organization.created"
  | "organization.updated"
  | "organization.deleted"
  | "organizationMembership.created"
  | "organizationMembership.updated"
  | "organizationMembership.deleted"
  | "organizationInvitation.created"
  | "organizationInvitation.accepted"
  | "organizationInvitation.revoked"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "permission.created"
  | "permission.updated"
  | "permission.deleted";

/**
 * Organization-side state events. `payload` renders the webhook body lazily (the invitation URL
 * needs the server's base URL), from a closure taken when the write happened.
 */
export interface OrganizationEvent {
  type: OrganizationEventType;
  payload: (baseUrl: string) => unknown;
}

/** Snapshot keys of the organization side, written by persistence after the user-side ones. */
export const ORGANIZATION_SNAPSHOT_KEYS = [
  "organizations",
  "organization_memberships",
  "organization_invitations",
  "organization_roles",
  "organization_permissions",
] as const satisfies readonly (keyof OrganizationSnapshot)[];
