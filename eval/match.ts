// Matchers for tool arguments and state (see Matcher in ./types.ts). A mismatch is described in words,
// so a failing case says what was wrong.
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import type { Matcher } from "./types";

const DAY_MS = 86_400_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function toMs(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function resolveIds(m: Record<string, unknown>, lc: LocalClerkHandle): string[] {
  const s = lc.state;
  if (typeof m.$orgId === "string") return [s.organizations.orgs.findByIdOrSlug(m.$orgId)?.id ?? "?"];
  if (typeof m.$invitationId === "string") {
    const email = m.$invitationId;
    return [...s.invitations.all()].filter((i) => i.email_address === email).map((i) => i.id);
  }
  if (typeof m.$actorTokenOf === "string") return actorTokens(lc, m.$actorTokenOf).map((t) => t.id);
  if (typeof m.$orgInvitationId === "string") {
    const email = m.$orgInvitationId;
    return [...s.organizations.invitations.all()].filter((i) => i.email_address === email).map((i) => i.id);
  }
  const uid = s.users.findByEmail(String(m.$sessionOf))?.id;
  return [...s.sessions.allSessions()].filter((x) => x.user_id === uid).map((x) => x.id);
}

/** The impersonation (actor) tokens Local Clerk holds for the user with this email. */
export function actorTokens(lc: LocalClerkHandle, email: string) {
  const uid = lc.state.users.findByEmail(email)?.id;
  return lc.state.tickets
    .snapshot()
    .sign_in_tickets.filter((t) => t.kind === "actor_token" && t.user_id === uid);
}

/**
 * A message with {id:<email>}, {org:<slug>}, {inv:<email>} (latest pending), {sess:<email>} (an active
 * one), {act:<email>} (an unused impersonation token of that user) filled in.
 */
export function fillIds(text: string, lc: LocalClerkHandle): string {
  const s = lc.state;
  return text.replace(/\{(id|org|inv|sess|act):([^}]+)\}/g, (_, kind: string, key: string) => {
    const found =
      kind === "act"
        ? actorTokens(lc, key).find((t) => t.status === "pending")?.id
        : kind === "id"
          ? s.users.findByEmail(key)?.id
          : kind === "org"
            ? s.organizations.orgs.findByIdOrSlug(key)?.id
            : kind === "inv"
              ? [...s.invitations.all()].find((i) => i.email_address === key && i.status === "pending")?.id
              : [...s.sessions.allSessions()].find(
                  (x) => x.user_id === s.users.findByEmail(key)?.id && x.status === "active",
                )?.id;
    if (!found) throw new Error(`no ${kind} for ${key} in Local Clerk`);
    return found;
  });
}

/** null when `actual` matches, else why not. Objects match partially; arrays element by element. */
export function mismatch(
  expected: Matcher | undefined,
  actual: unknown,
  lc: LocalClerkHandle,
  path = "",
): string | null {
  const at = path || "value";
  if (expected === undefined) return null;
  if (isRecord(expected)) {
    if ("$absent" in expected)
      return actual === undefined ? null : `${at}: expected absent, got ${show(actual)}`;
    if ("$userId" in expected) {
      const email = String(expected.$userId);
      const id = lc.state.users.findByEmail(email)?.id;
      return actual === id ? null : `${at}: expected the id of ${email} (${id}), got ${show(actual)}`;
    }
    if ("$present" in expected) return actual === undefined ? `${at}: missing` : null;
    if (
      ["$orgId", "$invitationId", "$orgInvitationId", "$actorTokenOf", "$sessionOf"].some(
        (k) => k in expected,
      )
    ) {
      const ok = resolveIds(expected, lc);
      return ok.includes(actual as string)
        ? null
        : `${at}: expected ${show(expected)} (${ok.join(" or ")}), got ${show(actual)}`;
    }
    if ("$date" in expected) {
      const want = Date.parse(`${String(expected.$date)}T00:00:00Z`);
      const got = toMs(actual);
      return got !== null && Math.abs(got - want) <= DAY_MS
        ? null
        : `${at}: expected a date on ${expected.$date}, got ${show(actual)}`;
    }
    if ("$daysAgo" in expected) {
      const want = Date.now() - Number(expected.$daysAgo) * DAY_MS;
      const got = toMs(actual);
      return got !== null && Math.abs(got - want) <= DAY_MS + 60_000
        ? null
        : `${at}: expected a date about ${expected.$daysAgo} days ago, got ${show(actual)}`;
    }
    if ("$contains" in expected) {
      const needle = String(expected.$contains).toLowerCase();
      return typeof actual === "string" && actual.toLowerCase().includes(needle)
        ? null
        : `${at}: expected text containing ${show(expected.$contains)}, got ${show(actual)}`;
    }
    if ("$set" in expected) {
      const want = expected.$set as Matcher[];
      if (!Array.isArray(actual) || actual.length !== want.length)
        return `${at}: expected ${want.length} items, got ${show(actual)}`;
      const left = [...actual];
      for (const w of want) {
        const i = left.findIndex((a) => mismatch(w, a, lc) === null);
        if (i === -1) return `${at}: nothing matches ${show(w)} in ${show(actual)}`;
        left.splice(i, 1);
      }
      return null;
    }
    if (!isRecord(actual)) return `${at}: expected an object, got ${show(actual)}`;
    for (const [key, want] of Object.entries(expected)) {
      const why = mismatch(want, actual[key], lc, path ? `${path}.${key}` : key);
      if (why) return why;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${at}: expected ${show(expected)}, got ${show(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const why = mismatch(expected[i], actual[i], lc, `${at}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  return expected === actual ? null : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}
