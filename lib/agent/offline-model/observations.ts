import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import { decodeModelText } from "@/lib/agent/model-text";
import { isPlainObject } from "@/lib/clerk/metadata";
import { itemsOf } from "./table-rows";

/**
 * Reads the conversation the model is given. Tool results are only ever read as structured data
 * (ids, emails, flags): their text is never parsed as a request, so instructions hidden in a user's
 * name or metadata cannot steer the model.
 */

export type Outcome =
  | { status: "ok"; value: unknown }
  | { status: "denied"; reason?: string }
  | { status: "error"; message: string; code?: string };

export type Observation = {
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
  outcome?: Outcome;
};

export type UserView = {
  id: string;
  name?: string;
  email?: string;
  /** Every email address the user holds, when the result lists them. */
  emails?: string[];
  banned?: boolean;
  locked?: boolean;
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  createdAt?: unknown;
  lastSignInAt?: unknown;
  lastActiveAt?: unknown;
};

export type Conversation = {
  /** The latest user message: the request being worked on. */
  userText: string;
  /** Tool calls made for that request (after it), with their outcomes, in order. */
  observations: Observation[];
  /** The single user the conversation was last about, for "ban them". */
  contextUser?: UserView;
  /** The newest audit entry the previous turn listed, for "undo that". */
  contextAuditEntry?: string;
  /** How many tool calls the whole conversation holds (used for fresh tool call ids). */
  toolCallCount: number;
  /** The clock "in the last 7 days" is read against; tests fix it. Default: now. */
  now?: number;
  /** The tools offered this turn, when known (the bulk tool is used only if offered). */
  tools?: ReadonlySet<string>;
};

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Tool results reach the model as TOON (lib/agent/model-text.ts); scripted tests may hand it JSON. */
function parseResult(text: string): unknown {
  const json = parseMaybeJson(text);
  if (json !== text) return json;
  try {
    return decodeModelText(text);
  } catch {
    return text;
  }
}

export function toOutcome(output: LanguageModelV4ToolResultOutput): Outcome {
  switch (output.type) {
    case "execution-denied":
      return output.reason ? { status: "denied", reason: output.reason } : { status: "denied" };
    case "error-text":
      return { status: "error", message: output.value };
    case "error-json":
      return errorFrom(unwrap(output.value)) ?? { status: "error", message: JSON.stringify(output.value) };
    case "text":
      return fromValue(parseResult(output.value));
    case "json":
      return fromValue(output.value);
    case "content":
      return fromValue(
        parseResult(
          output.value
            .map((p) => (p.type === "text" ? p.text : ""))
            .join("")
            .trim(),
        ),
      );
  }
}

function errorFrom(value: unknown): Outcome | undefined {
  if (!isPlainObject(value)) return undefined;
  const err = value.error ?? (Array.isArray(value.errors) ? value.errors[0] : undefined);
  if (err === undefined) return undefined;
  if (typeof err === "string") return { status: "error", message: err };
  if (isPlainObject(err)) {
    const message = String(err.message ?? err.long_message ?? err.code ?? "unknown error");
    return typeof err.code === "string"
      ? { status: "error", message, code: err.code }
      : { status: "error", message };
  }
  return { status: "error", message: String(err) };
}

/** Tool results may arrive wrapped as `{ untrusted_data, note }` (see lib/agent/redact.ts). */
function unwrap(value: unknown): unknown {
  return isPlainObject(value) && "untrusted_data" in value ? value.untrusted_data : value;
}

function fromValue(raw: unknown): Outcome {
  const value = unwrap(raw);
  return errorFrom(value) ?? { status: "ok", value };
}

/** Ids are only taken from results when they are well-formed Clerk ids (they flow into later tool calls). */
const CLERK_ID = {
  user: /^user_[A-Za-z0-9]{1,59}$/,
  invitation: /^inv_[A-Za-z0-9]{1,60}$/,
  session: /^sess_[A-Za-z0-9]{1,59}$/,
};

const AUDIT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tool result's string field, or undefined when it is missing or empty. */
/** The email a record names, whichever spelling the result uses (the model's view reads `email`). */
export function emailOf(x: Record<string, unknown>): string | undefined {
  return str(x.email_address) ?? str(x.emailAddress) ?? str(x.email);
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

export function asUser(v: unknown): UserView | undefined {
  if (!isPlainObject(v)) return undefined;
  const id = str(v.id) ?? str(v.user_id);
  if (!id || !CLERK_ID.user.test(id)) return undefined;
  const first = str(v.first_name) ?? str(v.firstName);
  const last = str(v.last_name) ?? str(v.lastName);
  const emails: unknown[] = Array.isArray(v.email_addresses) ? v.email_addresses : [];
  const firstEmail = isPlainObject(emails[0]) ? emailOf(emails[0]) : str(emails[0]);
  const user: UserView = { id };
  const name = str(v.name) ?? ([first, last].filter(Boolean).join(" ") || undefined) ?? str(v.username);
  if (name) user.name = name;
  const email =
    str(v.email) ??
    str(v.primary_email) ??
    str(v.email_address) ??
    str(v.primary_email_address) ??
    firstEmail;
  if (email) user.email = email.toLowerCase();
  const all = emails
    .map((e) => (isPlainObject(e) ? emailOf(e) : str(e)))
    .filter((e): e is string => e !== undefined);
  if (all.length > 0) user.emails = all.map((e) => e.toLowerCase());
  if (typeof v.banned === "boolean") user.banned = v.banned;
  if (typeof v.locked === "boolean") user.locked = v.locked;
  const pub = v.public_metadata ?? v.publicMetadata;
  if (isPlainObject(pub)) user.publicMetadata = pub;
  const priv = v.private_metadata ?? v.privateMetadata;
  if (isPlainObject(priv)) user.privateMetadata = priv;
  // The model view (lib/agent/redact.ts modelView) names dates without `_at`; full projections keep it.
  const created = v.created ?? v.created_at;
  if (created !== undefined) user.createdAt = created;
  const signIn = v.last_sign_in ?? v.last_sign_in_at;
  if (signIn !== undefined) user.lastSignInAt = signIn;
  const active = v.last_active ?? v.last_active_at;
  if (active !== undefined) user.lastActiveAt = active;
  return user;
}

export function listOf(v: unknown, keys: string[]): { items: unknown[]; total?: number } | undefined {
  const direct = itemsOf(v);
  if (direct) return { items: direct };
  if (!isPlainObject(v)) return undefined;
  for (const key of keys) {
    const items = itemsOf(v[key]);
    if (items) {
      const total = v.total_count ?? v.totalCount ?? v.total;
      return typeof total === "number" ? { items, total } : { items };
    }
  }
  return undefined;
}

export function asUserList(v: unknown): { users: UserView[]; total?: number } | undefined {
  const list = listOf(v, ["users", "data", "items", "results"]);
  if (!list) {
    const single = asUser(v);
    return single ? { users: [single], total: 1 } : undefined;
  }
  const users = list.items.map(asUser).filter((u): u is UserView => u !== undefined);
  return list.total === undefined ? { users } : { users, total: list.total };
}

/** An invitation as read; the model's view of listInvitations leaves ids out (lib/agent/tool-views.ts). */
export type InvitationView = { id?: string; email?: string; status?: string };

export function asInvitations(v: unknown): { invitations: InvitationView[]; total?: number } | undefined {
  const list =
    listOf(v, ["invitations", "data", "items", "results"]) ?? (isPlainObject(v) ? { items: [v] } : undefined);
  if (!list) return undefined;
  const invitations = list.items.flatMap((x): InvitationView[] => {
    if (!isPlainObject(x)) return [];
    const email = emailOf(x);
    const hasId = CLERK_ID.invitation.test(String(x.id));
    if (!hasId && (x.id !== undefined || !email)) return [];
    const inv: InvitationView = hasId ? { id: String(x.id) } : {};
    if (email) inv.email = email.toLowerCase();
    if (str(x.status)) inv.status = String(x.status);
    return [inv];
  });
  return list.total === undefined ? { invitations } : { invitations, total: list.total };
}

export type SessionView = { id: string; status?: string; lastActiveAt?: unknown; client?: string };

export function asSessions(v: unknown): SessionView[] | undefined {
  const list =
    listOf(v, ["sessions", "data", "items", "results"]) ?? (isPlainObject(v) ? { items: [v] } : undefined);
  if (!list) return undefined;
  return list.items.flatMap((x): SessionView[] => {
    if (!isPlainObject(x) || !CLERK_ID.session.test(String(x.id))) return [];
    const s: SessionView = { id: String(x.id) };
    if (str(x.status)) s.status = String(x.status);
    // The model view leaves a session's last activity out on the day it was created.
    const last = x.last_active ?? x.last_active_at ?? x.lastActiveAt ?? x.created;
    if (last !== undefined) s.lastActiveAt = last;
    return [s];
  });
}

function textOf(content: Array<{ type: string; text?: string }>): string {
  return content
    .map((p) => (p.type === "text" ? (p.text ?? "") : ""))
    .join("\n")
    .trim();
}

function inputOf(raw: unknown): Record<string, unknown> {
  const value = typeof raw === "string" ? parseMaybeJson(raw) : raw;
  return isPlainObject(value) ? value : {};
}

function usersIn(obs: Observation): UserView[] | undefined {
  if (obs.outcome?.status !== "ok") return undefined;
  return asUserList(obs.outcome.value)?.users;
}

export function readPrompt(prompt: LanguageModelV4Prompt): Conversation {
  let lastUser = -1;
  prompt.forEach((msg, i) => {
    if (msg.role === "user") lastUser = i;
  });
  const all: Array<Observation & { after: boolean }> = [];
  const byId = new Map<string, Observation & { after: boolean }>();
  prompt.forEach((msg, i) => {
    if (msg.role !== "assistant" && msg.role !== "tool") return;
    for (const part of msg.content) {
      if (part.type === "tool-call") {
        const obs = {
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: inputOf(part.input),
          after: i > lastUser,
        };
        all.push(obs);
        byId.set(part.toolCallId, obs);
      } else if (part.type === "tool-result") {
        const obs = byId.get(part.toolCallId);
        if (obs) obs.outcome = toOutcome(part.output);
      }
    }
  });
  const userMsg = prompt[lastUser];
  const conversation: Conversation = {
    userText: userMsg?.role === "user" ? textOf(userMsg.content) : "",
    observations: all.filter((o) => o.after).map(({ after: _after, ...o }) => o),
    toolCallCount: all.length,
  };
  const previous = all.filter((o) => !o.after).at(-1);
  if (previous?.toolName === "listAuditEntries" && previous.outcome?.status === "ok") {
    const first = listOf(previous.outcome.value, ["entries"])?.items[0];
    const id = isPlainObject(first) ? str(first.id) : undefined;
    if (id && AUDIT_ID.test(id)) conversation.contextAuditEntry = id;
  }
  for (const obs of all.filter((o) => !o.after).reverse()) {
    const users = usersIn(obs);
    if (!users) continue;
    const ids = new Set(users.map((u) => u.id));
    if (ids.size === 1 && users[0]) conversation.contextUser = users[0];
    break;
  }
  return conversation;
}
