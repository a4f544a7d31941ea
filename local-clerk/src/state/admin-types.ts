/** Records of the admin tags beyond users and organizations (JWT templates, waitlist). */
export interface JwtTemplateRecord {
  id: string;
  name: string;
  claims: Record<string, unknown>;
  lifetime: number;
  allowed_clock_skew: number;
  created_at: number;
  updated_at: number;
}

export type WaitlistStatus = "pending" | "invited" | "rejected" | "completed";

export interface WaitlistEntryRecord {
  id: string;
  email_address: string;
  status: WaitlistStatus;
  invitation_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface AdminSnapshot {
  jwt_templates?: JwtTemplateRecord[];
  waitlist_entries?: WaitlistEntryRecord[];
}

export const ADMIN_SNAPSHOT_KEYS = [
  "jwt_templates",
  "waitlist_entries",
] as const satisfies readonly (keyof AdminSnapshot)[];

export type AdminEventType =
  | "email.created"
  | "sms.created"
  | "waitlistEntry.created"
  | "waitlistEntry.updated";

/** Like OrganizationEvent: the webhook payload is built when the dispatcher needs it. */
export interface AdminEvent {
  type: AdminEventType;
  payload: (baseUrl: string) => unknown;
}
