/** What the offline model understood from one user message. Pure data, produced by `parseRequest`. */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type MetadataField = "public_metadata" | "private_metadata" | "unsafe_metadata";

export type UserOrder = "-created_at" | "+created_at" | "-last_sign_in_at" | "+last_sign_in_at";

/** Who a user-scoped request is about. */
export type UserTarget =
  | { by: "id"; userIds: string[] }
  | { by: "email"; emails: string[] }
  | { by: "name"; query: string }
  /** "them", "that user": the single user the previous turn was about. */
  | { by: "context" };

/** A date range as ISO strings (what the tools take), with how the admin said it. */
export type DateRange = { after?: string; before?: string; text: string };

/**
 * Conditions on a set of users. `query`, `banned` and the date ranges go to Clerk; the domain, the
 * metadata and `locked` are checked on the returned users.
 */
export type UserFilter = {
  query?: string;
  domain?: string;
  metadata?: Record<string, JsonPrimitive>;
  banned?: boolean;
  locked?: boolean;
  /** Clerk's exact identifier filters (./parse-identifiers.ts). */
  externalId?: string[];
  username?: string[];
  phone?: string[];
  created?: DateRange;
  signedIn?: DateRange;
  active?: DateRange;
};

export type ModerationTool = "banUser" | "unbanUser" | "lockUser" | "unlockUser";

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export type Intent =
  | { kind: "help"; greeting?: boolean; note?: string }
  /** A fixed answer: a clarifying question or why something can't be done. */
  | { kind: "reply"; message: string }
  | { kind: "listUsers"; filter: UserFilter; limit?: number; orderBy?: UserOrder }
  | { kind: "countUsers"; filter: UserFilter }
  | { kind: "showUser"; target: UserTarget }
  | { kind: "updateMetadata"; target: UserTarget; field: MetadataField; changes: JsonObject }
  | { kind: "bulkUpdateMetadata"; filter: UserFilter; field: MetadataField; changes: JsonObject }
  | {
      kind: "invite";
      emails: string[];
      publicMetadata?: JsonObject;
      redirectUrl?: string;
      notify?: boolean;
      expiresInDays?: number;
    }
  | { kind: "listInvitations"; status?: InvitationStatus; query?: string; limit?: number }
  | { kind: "revokeInvitation"; invitationIds: string[]; emails: string[] }
  | { kind: "listSessions"; target: UserTarget; status?: "active" | "revoked" | "ended" | "expired" }
  | { kind: "revokeSession"; sessionIds: string[] }
  | { kind: "revokeUserSessions"; target: UserTarget }
  | { kind: "moderate"; tool: ModerationTool; target: UserTarget }
  /** Organizations (./organizations.ts): `org` is the name as typed, looked up with listOrganizations. */
  | { kind: "orgAdmins"; org: string }
  | { kind: "orgAddMember"; org: string; target: UserTarget; role: string }
  | { kind: "orgSetRole"; org?: string; target: UserTarget; role: string }
  | { kind: "orgsWithoutAdmin" }
  /** "invite these 30 emails to Globex": more than a few become one bulk job (./organization-invites.ts). */
  | { kind: "orgInvite"; org: string; emails: string[]; role: string }
  /** "revoke the invitation for x@y.com to Acme" (./organization-invite-revoke.ts). */
  | { kind: "orgInviteRevoke"; org: string; emails: string[] }
  /** Access lists (./access-lists.ts): an identifier is an email, a domain or *@domain. */
  | { kind: "accessAdd"; list: "allowlist" | "blocklist"; identifier: string }
  | { kind: "accessRemove"; list: "allowlist" | "blocklist"; identifier: string }
  | { kind: "accessList"; list: "allowlist" | "blocklist" }
  | { kind: "accessCheck"; email: string }
  /** The audit log: "what did I change today?" (actor "me"), "what did Alice do to bob@acme.com?". */
  | { kind: "listAudit"; actor?: string; target?: string; range?: DateRange; outcome?: "error" }
  /** "undo that" (`context`: the entry the previous turn listed first), "undo my last change". */
  | { kind: "undo"; entryId?: string; actor?: string; target?: string; context: boolean }
  /** "when someone from acme.com signs up, set company=Acme": an automation rule (./automations.ts). */
  | { kind: "automation"; trigger: "user.created"; domain?: string; changes: JsonObject }
  | { kind: "createUser"; email: string; firstName?: string; lastName?: string; username?: string }
  | { kind: "deleteUser"; target: UserTarget }
  /** The organization itself and its listings (./organization-admin.ts); `org` is the name as typed. */
  | {
      kind: "orgAdmin";
      op:
        | "list"
        | "userOrgs"
        | "show"
        | "members"
        | "roles"
        | "invitations"
        | "create"
        | "rename"
        | "metadata"
        | "delete"
        | "removeMember";
      org?: string;
      name?: string;
      target?: UserTarget;
      metadata?: JsonObject;
      status?: string;
    }
  /** Sign-in monitoring (./sign-ins.ts): the store's sign-ins, suspicious users, Clerk's active sessions. */
  | { kind: "listSignIns"; range?: DateRange }
  | { kind: "signInsPerDay"; range?: DateRange }
  /** `emails`: only these users' sessions ("revoke the suspicious sessions of jane@acme.com"). */
  | { kind: "suspiciousSignIns"; range?: DateRange; moreThan?: number; revoke: boolean; emails?: string[] }
  | { kind: "activeSessions" }
  /** "list active impersonations", "all impersonations of jane@acme.com" (./parse-account.ts). */
  | { kind: "listImpersonations"; target?: UserTarget; all: boolean }
  /** "end the impersonation of jane@acme.com", "revoke impersonation act_…" (./impersonation-revoke.ts). */
  | { kind: "revokeImpersonation"; target?: UserTarget; tokenIds: string[]; all: boolean }
  /** One write to one user's account (./parse-account.ts): `args` are the tool's input but user_id. */
  | { kind: "accountWrite"; tool: string; target: UserTarget; args: JsonObject };

/** A tool call the model wants to make, before it is given an id. */
export type PlannedCall = { toolName: string; input: JsonObject };

export type Decision = { type: "tool-calls"; calls: PlannedCall[] } | { type: "text"; text: string };
