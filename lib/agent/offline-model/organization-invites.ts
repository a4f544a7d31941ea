// "invite these 30 emails to Globex", "invite a@x.com to Acme as an admin": organization invitations.
// More than BULK_THRESHOLD emails become ONE proposeBulkJob (one plan, approved once on its jobs page);
// fewer are one createOrganizationInvitation card each. The organization is looked up by name first.
import { errorText, outcomeLines, quote } from "./format";
import type { Decision, Intent } from "./intent";
import type { Conversation } from "./observations";
import { isDecision, orgName, resolveOrg } from "./organizations";
import { BULK_THRESHOLD } from "./plan-writes";
import { call, calls, observed, say } from "./steps";
import { type Masked, tokensIn, tokenValue } from "./text";

const BULK_JOB = "proposeBulkJob";
const INVITE = /^(?:re-?)?invite\b|^send\s+(?:an?\s+)?(?:org(?:anization)?\s+)?invit(?:e|ation)s?\b/i;
const TO_ORG =
  /\b(?:to|into)\s+(?:join\s+)?(?:the\s+)?(⟦q\d+⟧|[A-Za-z0-9][\w&'.-]*(?:\s+(?!as\b|with\b|and\b|org\b|organi[sz]ation\b|team\b)[A-Za-z0-9][\w&'.-]*){0,5}?)(?:\s+(?:org|organi[sz]ation|team))?(?=\s*$|\s*[:,;!?]|\s+as\b|\s+with\b|\s+⟦)/i;
const NOT_AN_ORG = /^(?:app|application|console|platform|site|product|service|instance|dashboard|clerk)$/i;
const ROLE =
  /\bas\s+(?:an?\s+)?(?:org(?:ani[sz]ation)?\s+)?([a-z][\w-]*)\b|\bwith\s+(?:the\s+|an?\s+)?([a-z][\w-]*)\s+role\b/i;

/** "invite … to <organization> [as <role>]"; undefined when no organization is named (an app invitation). */
export function parseOrganizationInvite(m: Masked, text: string): Intent | undefined {
  if (!INVITE.test(text)) return undefined;
  const to = TO_ORG.exec(text);
  const raw = to?.[1];
  if (!raw) return undefined;
  const org = orgName(tokenValue(m, raw) ?? raw);
  if (!org || NOT_AN_ORG.test(org)) return undefined;
  const emails = tokensIn(m, text, "e");
  if (emails.length === 0)
    return { kind: "reply", message: `Who should I invite to ${quote(org)}? Give me their email addresses.` };
  const role = ROLE.exec(text.replace(/\bas (?:soon|well)\b/gi, ""));
  const word = (role?.[1] ?? role?.[2] ?? "member").toLowerCase().replace(/^(admin|member)s$/, "$1");
  return { kind: "orgInvite", org, emails, role: `org:${word}` };
}

const asBulk = (intent: Extract<Intent, { kind: "orgInvite" }>) => intent.emails.length > BULK_THRESHOLD;

export function requiredOrganizationInviteTools(intent: Intent): string[] | undefined {
  if (intent.kind !== "orgInvite") return undefined;
  return ["listOrganizations", asBulk(intent) ? BULK_JOB : "createOrganizationInvitation"];
}

function bulkAnswer(obs: ReturnType<typeof observed>[number], count: number, where: string): Decision {
  const o = obs.outcome;
  if (!o) return say("Waiting for the plan.");
  if (o.status !== "ok") return say(`I couldn't plan the invitations: ${errorText(o) || "denied"}.`);
  const job = o.value as { targets?: unknown; excluded?: unknown; review_url?: unknown };
  const total = typeof job.targets === "number" ? job.targets : count;
  const excluded = typeof job.excluded === "number" && job.excluded > 0 ? job.excluded : 0;
  const url = typeof job.review_url === "string" ? ` at ${job.review_url}` : "";
  const skip = excluded
    ? ` ${excluded} of them are excluded by the plan's pre-checks (already a member, already invited, blocked or no seat left).`
    : "";
  return say(
    `I planned one bulk job: ${total} invitations to ${where}.${skip} Nothing is sent yet: approve the plan once, on its card or${url || " on its jobs page"}; it then runs paced to Clerk's rate limit.`,
  );
}

export function planOrganizationInvite(intent: Intent, conv: Conversation): Decision | undefined {
  if (intent.kind !== "orgInvite") return undefined;
  const org = resolveOrg(intent.org, conv);
  if (isDecision(org)) return org;
  const where = `${quote(org.name)} as ${intent.role}`;
  if (asBulk(intent)) {
    const proposed = observed(conv, BULK_JOB)[0];
    if (proposed) return bulkAnswer(proposed, intent.emails.length, where);
    return calls([
      call(BULK_JOB, {
        action: "createOrganizationInvitation",
        organization_id: org.id,
        emails: intent.emails,
        role: intent.role,
        title: `Invite ${intent.emails.length} emails to ${org.name} as ${intent.role}`.slice(0, 200),
      }),
    ]);
  }
  const sent = observed(conv, "createOrganizationInvitation");
  if (sent.length === 0)
    return calls(
      intent.emails.map((email) =>
        call("createOrganizationInvitation", { organization_id: org.id, email, role: intent.role }),
      ),
    );
  return say(
    `Invitations to ${where}:\n${outcomeLines(sent, (obs) => ({
      label: `<${String(obs.input.email ?? "")}>`,
      done: "invitation sent",
    }))}`,
  );
}
