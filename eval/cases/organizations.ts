// Organizations (reads, memberships, the organization itself) and the instance's access lists.
import type { EvalCase, StateCheck } from "../types";
import { ask, uid } from "./helpers";

const O = "organizations" as const;
const A = "access-lists" as const;
const org = (slug: string) => ({ $orgId: slug });
const revokeOrgInvite = (id: string, say: string, slug: string, email: string, more: StateCheck[] = []) =>
  ask(O, id, {
    say,
    calls: [{ tool: "listOrganizationInvitations", args: { organization_id: org(slug) } }],
    proposals: [
      {
        tool: "revokeOrganizationInvitation",
        args: { organization_id: org(slug), invitation_id: { $orgInvitationId: email } },
      },
    ],
    state: [{ orgInvitation: email, organization: slug, status: "revoked" }, ...more],
  });

export const organizationCases: EvalCase[] = [
  ask(O, "admins-of", {
    say: "who are the admins of Acme Corp?",
    calls: [
      { tool: "listOrganizationMembers", args: { organization_id: org("acme-corp"), role: "org:admin" } },
    ],
    answer: "admin@example\\.com",
  }),
  ask(O, "admins-short-name", {
    say: "who are the admins of Initech?",
    calls: [
      { tool: "listOrganizationMembers", args: { organization_id: org("initech"), role: "org:admin" } },
    ],
    answer: "anyagarcia@yahoo\\.com",
  }),
  ask(O, "without-admin", {
    say: "which organizations have no admin?",
    calls: [{ tool: "listOrganizations" }],
  }),
  ask(O, "list", { say: "list organizations", calls: [{ tool: "listOrganizations" }], answer: "Globex" }),
  ask(O, "members", {
    say: "list the members of Hooli",
    calls: [{ tool: "listOrganizationMembers", args: { organization_id: org("hooli") } }],
    answer: "noradubois@stark-industries\\.com",
  }),
  ask(O, "show-org", {
    say: "show the organization Tailspin",
    calls: [
      { tool: "listOrganizations" },
      { tool: "getOrganization", args: { organization_id: org("tailspin") } },
    ],
    answer: "Tailspin",
  }),
  ask(O, "roles", {
    say: "what organization roles are there?",
    calls: [{ tool: "listOrganizationRoles" }],
    answer: "org:admin",
  }),
  ask(O, "org-invitations", {
    say: "list pending invitations to Globex",
    calls: [{ tool: "listOrganizationInvitations", args: { organization_id: org("globex") } }],
  }),
  ask(O, "add-member", {
    say: "add yukinielsen@yahoo.com to Globex as a member",
    proposals: [
      {
        tool: "addOrganizationMember",
        args: { organization_id: org("globex"), user_id: uid("yukinielsen@yahoo.com"), role: "org:member" },
      },
    ],
    state: [{ organization: "globex", members: { "yukinielsen@yahoo.com": "org:member" } }],
  }),
  ask(O, "add-admin-member", {
    say: "add camilamoore@yahoo.com to Northwind as an admin",
    proposals: [
      {
        tool: "addOrganizationMember",
        args: {
          organization_id: org("northwind"),
          user_id: uid("camilamoore@yahoo.com"),
          role: "org:admin",
        },
      },
    ],
    state: [{ organization: "northwind", members: { "camilamoore@yahoo.com": "org:admin" } }],
  }),
  ask(O, "promote-org-admin", {
    say: "make john@acme.com an admin of Acme Corp",
    proposals: [
      {
        tool: "updateOrganizationMemberRole",
        args: { organization_id: org("acme-corp"), user_id: uid("john@acme.com"), role: "org:admin" },
      },
    ],
    state: [{ organization: "acme-corp", members: { "john@acme.com": "org:admin" } }],
  }),
  ask(O, "only-org", {
    say: "make aisharodriguez@umbrella.co an org admin",
    proposals: [
      {
        tool: "updateOrganizationMemberRole",
        args: {
          organization_id: org("initech"),
          user_id: uid("aisharodriguez@umbrella.co"),
          role: "org:admin",
        },
      },
    ],
    state: [{ organization: "initech", members: { "aisharodriguez@umbrella.co": "org:admin" } }],
  }),
  ask(O, "remove-member", {
    say: "remove weitaylor@hooli.com from Wayne Enterprises",
    proposals: [
      {
        tool: "removeOrganizationMember",
        args: { organization_id: org("wayne-enterprises"), user_id: uid("weitaylor@hooli.com") },
      },
    ],
    state: [{ organization: "wayne-enterprises", members: { "weitaylor@hooli.com": null } }],
  }),
  ask(O, "create", {
    say: "create an organization called Eval Labs",
    proposals: [{ tool: "createOrganization", args: { name: "Eval Labs" } }],
  }),
  ask(O, "rename", {
    say: "rename the organization Contoso to Contoso Ltd",
    proposals: [
      { tool: "updateOrganization", args: { organization_id: org("contoso"), name: "Contoso Ltd" } },
    ],
    state: [{ organization: "contoso", name: "Contoso Ltd" }],
  }),
  ask(O, "org-metadata", {
    say: "set tier=gold on the organization Fabrikam",
    proposals: [
      {
        tool: "updateOrganizationMetadata",
        args: { organization_id: org("fabrikam"), public_metadata: { tier: "gold" } },
      },
    ],
  }),
  ask(O, "delete", {
    say: "delete the organization Clear Arrow Labs",
    proposals: [
      {
        tool: "deleteOrganization",
        args: { organization_id: org("clear-arrow-labs"), confirm_slug: "clear-arrow-labs" },
      },
    ],
    state: [{ organization: "clear-arrow-labs", exists: false }],
  }),
  ask(O, "org-invite", {
    say: "invite sam@example.com to Globex",
    proposals: [
      {
        tool: "createOrganizationInvitation",
        args: { organization_id: org("globex"), email: "sam@example.com", role: "org:member" },
      },
    ],
  }),
  revokeOrgInvite(
    "revoke-org-invitation",
    "revoke the invitation for ursulanew@example.com to Acme Corp",
    "acme-corp",
    "ursulanew@example.com",
  ),
  revokeOrgInvite(
    "cancel-org-invite",
    "cancel the pending org invite for victornew@example.com in Globex",
    "globex",
    "victornew@example.com",
  ),
  {
    ...revokeOrgInvite(
      "withdraw-org-invite-not-app",
      "withdraw wandanew@example.com's invitation to Initech",
      "initech",
      "wandanew@example.com",
      [{ invitation: "wandanew@example.com", status: "pending" }],
    ),
    note: "The same email holds an app invitation too: only the organization's is revoked.",
  },
  ask(O, "revoke-two-org-invites", {
    say: "revoke the invitations for xaviernew@example.com and yaranew@example.com to Wayne Enterprises",
    proposals: ["xaviernew@example.com", "yaranew@example.com"].map((email) => ({
      tool: "revokeOrganizationInvitation",
      args: { organization_id: org("wayne-enterprises"), invitation_id: { $orgInvitationId: email } },
    })),
    state: [
      { orgInvitation: "xaviernew@example.com", organization: "wayne-enterprises", status: "revoked" },
      { orgInvitation: "yaranew@example.com", organization: "wayne-enterprises", status: "revoked" },
    ],
  }),
  ask(O, "revoke-org-invite-none", {
    say: "revoke the invitation for nobodynew@example.com to Globex",
    calls: [{ tool: "listOrganizationInvitations", args: { organization_id: org("globex") } }],
    answer: "no pending invitation",
  }),
];

export const accessListCases: EvalCase[] = [
  ask(A, "show-blocklist", {
    say: "show the block list",
    calls: [{ tool: "listBlocklistIdentifiers" }],
    answer: "tempmail\\.test",
  }),
  ask(A, "show-allowlist", {
    say: "what is on the allowlist?",
    calls: [{ tool: "listAllowlistIdentifiers" }],
    answer: "example\\.com",
  }),
  ask(A, "block-domain", {
    say: "block spam.example",
    proposals: [{ tool: "addBlocklistIdentifier", args: { identifier: "spam.example" } }],
    state: [{ accessList: "blocklist", identifier: "spam.example", present: true }],
  }),
  ask(A, "add-blocklist-email", {
    say: "add troll@bad.example to the block list",
    proposals: [{ tool: "addBlocklistIdentifier", args: { identifier: "troll@bad.example" } }],
    state: [{ accessList: "blocklist", identifier: "troll@bad.example", present: true }],
  }),
  ask(A, "allow-domain", {
    say: "add partner.example to the allowlist",
    proposals: [{ tool: "addAllowlistIdentifier", args: { identifier: "partner.example" } }],
    state: [{ accessList: "allowlist", identifier: "partner.example", present: true }],
  }),
  ask(A, "unblock", {
    say: "remove tempmail.test from the block list",
    calls: [{ tool: "listBlocklistIdentifiers" }],
    proposals: [{ tool: "removeBlocklistIdentifier" }],
    state: [{ accessList: "blocklist", identifier: "tempmail.test", present: false }],
  }),
  ask(A, "unallow", {
    say: "remove partner.example from the allowlist",
    calls: [{ tool: "listAllowlistIdentifiers" }],
    proposals: [{ tool: "removeAllowlistIdentifier" }],
    state: [{ accessList: "allowlist", identifier: "partner.example", present: false }],
  }),
];
