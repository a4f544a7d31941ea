// "revoke the invitation for x@y.com to Acme", "cancel the pending org invite for x@y.com in Globex",
// "withdraw x@y.com's invitation to Initech": organization invitations revoked by email. The organization
// is looked up by name, its pending invitations listed, and only exact email matches are revoked (one
// card each). Without a named organization the request stays an app invitation (./parse-request.ts).
import { isPlainObject } from "@/lib/clerk/metadata";
import { outcomeLines, quote } from "./format";
import type { Decision, Intent } from "./intent";
import { type Conversation, emailOf, listOf } from "./observations";
import { failed, isDecision, orgName, resolveOrg } from "./organizations";
import { call, calls, observed, say } from "./steps";
import { type Masked, tokensIn } from "./text";

const LIST = "listOrganizationInvitations";
const REVOKE = "revokeOrganizationInvitation";
const ORG_INVITATION_ID = /^orginv_[A-Za-z0-9]{1,60}$/;
const PAGE = 500;

const VERB =
  /^(?:revoke|cancel|withdraw|rescind|delete|remove|retract|void|invalidate|kill|pull|take back)\b/i;
const INVITATION = /\binvit(?:e|es|ation|ations)\b/i;
const ORG_WORD = /\b(?:org(?:ani[sz]ation)?|team)\s+invit/i;
/** "… to / into / in / from / at / of [the] <Name> [org]" at the end, the name not an email or id. */
const NAMED_ORG =
  /\b(?:to|into|in|from|at|of)\s+(?:join\s+)?(?:the\s+)?([A-Za-z0-9][\w&'.-]*(?:\s+[A-Za-z0-9][\w&'.-]*){0,5}?)(?:\s+(?:org|organi[sz]ation|team))?\s*[.!?]*$/i;
const NOT_AN_ORG =
  /^(?:app|application|console|platform|site|product|service|instance|dashboard|clerk|it|them|today|yesterday|(?:this|last)\s+(?:week|month))$/i;

/** An organization invitation revoke, or undefined (no organization named: the app's invitations). */
export function parseOrganizationInviteRevoke(m: Masked, text: string): Intent | undefined {
  if (!VERB.test(text) || !INVITATION.test(text) || tokensIn(m, text, "i").length > 0) return undefined;
  const emails = tokensIn(m, text, "e");
  const named = NAMED_ORG.exec(text)?.[1];
  const org = named ? orgName(named) : undefined;
  if (org && !NOT_AN_ORG.test(org)) {
    if (emails.length === 0)
      return {
        kind: "reply",
        message: `Which invitation to ${quote(org)}? Give me the email address it was sent to.`,
      };
    return { kind: "orgInviteRevoke", org, emails };
  }
  if (ORG_WORD.test(text))
    return {
      kind: "reply",
      message:
        "Which organization's invitation? Say, for example, “revoke the invitation for x@y.com to Acme”.",
    };
  return undefined;
}

export function requiredOrganizationInviteRevokeTools(intent: Intent): string[] | undefined {
  return intent.kind === "orgInviteRevoke" ? ["listOrganizations", LIST, REVOKE] : undefined;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function planOrganizationInviteRevoke(intent: Intent, conv: Conversation): Decision | undefined {
  if (intent.kind !== "orgInviteRevoke") return undefined;
  const org = resolveOrg(intent.org, conv);
  if (isDecision(org)) return org;
  const where = quote(org.name);
  const listed = observed(conv, LIST).find((o) => o.input.organization_id === org.id);
  if (!listed) return calls([call(LIST, { organization_id: org.id, status: "pending", limit: PAGE })]);
  const stop = failed(listed, `the invitations to ${where}`);
  if (stop) return stop;
  const ids = pendingIds(listed.outcome?.status === "ok" ? listed.outcome.value : undefined, intent.emails);
  const missing = intent.emails.filter((_, i) => !ids[i]);
  const note = missing.length ? `No pending invitation to ${where} for ${missing.join(", ")}.` : "";
  const revoked = observed(conv, REVOKE);
  if (revoked.length > 0) {
    const lines = outcomeLines(revoked, (obs) => {
      const email = intent.emails[ids.indexOf(str(obs.input.invitation_id))];
      return { label: `<${email ?? str(obs.input.invitation_id)}>`, done: "invitation revoked" };
    });
    return say(`Invitations to ${where}:\n${lines}${note ? `\n${note}` : ""}`);
  }
  const found = ids.filter((id): id is string => Boolean(id));
  if (found.length === 0) return say(note);
  return calls(found.map((id) => call(REVOKE, { organization_id: org.id, invitation_id: id })));
}

/** Per requested email, the id of its pending invitation in the listing (exact email match only). */
function pendingIds(listing: unknown, emails: string[]): (string | undefined)[] {
  const items = (listOf(listing, ["invitations", "data"])?.items ?? []).filter(isPlainObject);
  return emails.map((email) => {
    const hit = items.find(
      (x) =>
        (emailOf(x) ?? "").toLowerCase() === email &&
        (x.status === undefined || x.status === "pending") &&
        ORG_INVITATION_ID.test(str(x.id)),
    );
    return hit ? str(hit.id) : undefined;
  });
}
