// The users of a set (eval/types.ts UserSet), computed from Local Clerk's state at check time.
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import type { UserRecord } from "@/local-clerk/src/state/types";
import type { UserSet } from "./types";

const DAY_MS = 86_400_000;

function domainOf(u: UserRecord): string {
  const primary = u.emails.find((e) => e.id === u.primary_email_address_id) ?? u.emails[0];
  return primary?.email_address.split("@")[1] ?? "";
}

export function usersIn(lc: LocalClerkHandle, set: UserSet): UserRecord[] {
  return [...lc.state.users.all()].filter(
    (u) =>
      (set.banned === undefined || u.banned === set.banned) &&
      (set.locked === undefined || u.locked === set.locked) &&
      (set.domain === undefined || domainOf(u) === set.domain) &&
      (set.createdWithinDays === undefined || u.created_at >= Date.now() - set.createdWithinDays * DAY_MS) &&
      Object.entries(set.publicMetadata ?? {}).every(([k, v]) => u.public_metadata[k] === v) &&
      (set.notPublicMetadata === undefined ||
        !Object.entries(set.notPublicMetadata).every(([k, v]) => u.public_metadata[k] === v)),
  );
}
