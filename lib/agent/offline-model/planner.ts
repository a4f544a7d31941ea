import { planAccessList, requiredAccessListTools } from "./access-lists";
import { planAutomation, requiredAutomationTools } from "./automations";
import { listingTool, needsClientFilter } from "./format";
import { helpText } from "./help";
import { planImpersonationRevoke, requiredImpersonationRevokeTools } from "./impersonation-revoke";
import type { Decision, Intent, UserTarget } from "./intent";
import type { Conversation } from "./observations";
import { planOrganizationAdmin, requiredOrganizationAdminTools } from "./organization-admin";
import {
  planOrganizationInviteRevoke,
  requiredOrganizationInviteRevokeTools,
} from "./organization-invite-revoke";
import { planOrganizationInvite, requiredOrganizationInviteTools } from "./organization-invites";
import { planOrganization, requiredOrganizationTools } from "./organizations";
import { parseRequest } from "./parse-request";
import { planAccount, planImpersonations } from "./plan-account";
import { planHistory } from "./plan-history";
import { planRead } from "./plan-reads";
import { planWrite } from "./plan-writes";
import { planSignIns, signInTools } from "./sign-ins";
import { say } from "./steps";

function resolverTools(target: UserTarget): string[] {
  return target.by === "email" || target.by === "name" ? ["listUsers"] : [];
}

export function requiredTools(intent: Intent): string[] {
  const forOrganizations =
    requiredAutomationTools(intent) ??
    requiredOrganizationTools(intent) ??
    requiredOrganizationInviteTools(intent) ??
    requiredOrganizationInviteRevokeTools(intent) ??
    requiredOrganizationAdminTools(intent) ??
    requiredAccessListTools(intent);
  if (forOrganizations) return forOrganizations;
  const forSignIns = signInTools(intent);
  if (forSignIns) return forSignIns;
  switch (intent.kind) {
    case "help":
    case "reply":
      return [];
    case "listUsers":
      return [listingTool(intent.filter, intent.orderBy)];
    case "countUsers": {
      const tool = listingTool(intent.filter);
      return [tool === "listUsers" && !needsClientFilter(intent.filter) ? "countUsers" : tool];
    }
    case "showUser":
      return intent.target.by === "id" || intent.target.by === "context" ? ["getUser"] : ["listUsers"];
    case "updateMetadata":
      return [...resolverTools(intent.target), "updateUserMetadata"];
    case "bulkUpdateMetadata":
      return ["listUsers", "updateUserMetadata"];
    case "invite":
      return ["createInvitation"];
    case "listInvitations":
      return ["listInvitations"];
    case "revokeInvitation":
      return [...(intent.emails.length > 0 ? ["listInvitations"] : []), "revokeInvitation"];
    case "listSessions":
      return [...resolverTools(intent.target), "listSessions"];
    case "revokeSession":
      return ["revokeSession"];
    case "revokeUserSessions":
      return [...resolverTools(intent.target), "listSessions", "revokeSession"];
    case "moderate":
      return [...resolverTools(intent.target), intent.tool];
    case "listAudit":
      return ["listAuditEntries"];
    case "undo":
      // The inverse is a write (which one, proposeUndo says): without write tools there is nothing to propose.
      return ["proposeUndo", "updateUserMetadata"];
    case "createUser":
      return ["createUser"];
    case "deleteUser":
      return [...resolverTools(intent.target), "deleteUser"];
    case "listImpersonations":
      return [...(intent.target ? resolverTools(intent.target) : []), "listImpersonations"];
    case "accountWrite":
      return [...resolverTools(intent.target), intent.tool];
    case "revokeImpersonation":
      return requiredImpersonationRevokeTools(intent);
    default:
      return [];
  }
}

/**
 * The next step for a request: more tool calls, or the final answer. `tools` is the set of tool
 * names the caller offers (a viewer has no write tools); undefined means "don't check".
 */
export function decideIntent(intent: Intent, conv: Conversation, tools?: ReadonlySet<string>): Decision {
  if (intent.kind === "help") return say(helpText(intent));
  if (intent.kind === "reply") return say(intent.message);
  if (tools) {
    const missing = requiredTools(intent).filter((t) => !tools.has(t));
    if (missing.length > 0) {
      return say(
        `I can't do that here: it needs the ${missing.join(", ")} tool${missing.length > 1 ? "s" : ""}, which ${
          missing.length > 1 ? "are" : "is"
        } not available to you (your role may be read-only).`,
      );
    }
  }
  const withTools = tools ? { ...conv, tools } : conv;
  if (intent.kind === "accountWrite") return planAccount(intent, withTools);
  if (intent.kind === "listImpersonations") return planImpersonations(intent, withTools);
  if (intent.kind === "revokeImpersonation") return planImpersonationRevoke(intent, withTools);
  if (intent.kind === "orgAdmin") return planOrganizationAdmin(intent, withTools) ?? say(helpText());
  return (
    planSignIns(intent, withTools) ??
    planAutomation(intent, withTools) ??
    planHistory(intent, withTools) ??
    planOrganization(intent, withTools) ??
    planOrganizationInvite(intent, withTools) ??
    planOrganizationInviteRevoke(intent, withTools) ??
    planAccessList(intent, withTools) ??
    planRead(intent, withTools) ??
    planWrite(intent, withTools) ??
    say(helpText())
  );
}

export function decide(conv: Conversation, tools?: ReadonlySet<string>): Decision {
  return decideIntent(parseRequest(conv.userText, conv.now), conv, tools);
}
