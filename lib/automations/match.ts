// Which events a rule applies to, and what its templates can read: `event` (the webhook as Clerk sent
// it), `user` (the user the event is about, as far as the event says) and `organization`.
import { isPlainObject } from "@/lib/clerk/metadata";
import type { Condition, RuleDefinition } from "./rule";
import { lookupPath } from "./template";

export interface ClerkEvent {
  type: string;
  data: Record<string, unknown>;
  [key: string]: unknown;
}

function record(v: unknown): Record<string, unknown> | null {
  return isPlainObject(v) ? v : null;
}

export function eventScope(event: ClerkEvent) {
  const data = event.data;
  let user: Record<string, unknown> | null = null;
  if (event.type.startsWith("user.")) user = data;
  else if (event.type.startsWith("session."))
    user = typeof data.user_id === "string" ? { id: data.user_id } : null;
  else if (event.type.startsWith("organizationMembership.")) {
    const pub = record(data.public_user_data);
    user = pub ? { ...pub, id: pub.user_id } : null;
  } else if (event.type.startsWith("invitation.")) user = { email_address: data.email_address };
  return { event, user, organization: record(data.organization) };
}

/** Every email address the event names (user addresses, an invitation's, a membership's identifier). */
export function eventEmails(event: ClerkEvent): string[] {
  const data = event.data;
  const out: string[] = [];
  if (Array.isArray(data.email_addresses))
    for (const e of data.email_addresses) {
      const addr = record(e)?.email_address;
      if (typeof addr === "string") out.push(addr);
    }
  if (typeof data.email_address === "string") out.push(data.email_address);
  const identifier = record(data.public_user_data)?.identifier;
  if (typeof identifier === "string" && identifier.includes("@")) out.push(identifier);
  return out.map((e) => e.toLowerCase());
}

export function conditionHolds(condition: Condition, event: ClerkEvent): boolean {
  switch (condition.kind) {
    case "emailDomain":
      return eventEmails(event).some((e) => e.endsWith(`@${condition.domain}`));
    case "metadata": {
      const metadata = eventScope(event).user?.[condition.field] ?? event.data[condition.field];
      const value = lookupPath({ m: metadata }, `m.${condition.key}`);
      return value === condition.equals || (condition.equals === null && value === undefined);
    }
    case "organization": {
      const org = eventScope(event).organization;
      const id = org?.id ?? event.data.organization_id;
      return id === condition.organization || org?.slug === condition.organization;
    }
    case "role":
      return event.data.role === condition.role;
  }
}

/** The rule's trigger is this event's type and every condition holds. */
export function ruleMatches(rule: RuleDefinition, event: ClerkEvent): boolean {
  return rule.trigger === event.type && rule.conditions.every((c) => conditionHolds(c, event));
}
