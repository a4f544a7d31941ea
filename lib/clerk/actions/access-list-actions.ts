// The allow-list's and the block-list's actions: one definition each for listing, adding and removing,
// made for either list (they differ only in Clerk's endpoints and the wording). Each action keeps its
// own module (the registry's rule), which only names it.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import {
  type AccessList,
  accessIdentifierField,
  accessListQueryInput,
  fetchAccessList,
  identifierIdField,
  LIST_LABEL,
  listIdentifiers,
  normalizeIdentifier,
} from "./access-list-shared";
import { refuseFailedChecks } from "./organization-shared";
import { orNotFound, preCheck } from "./shared";

type Clerk = ActionContext["clerk"];

const LISTS = {
  allowlist: {
    name: "Allowlist",
    meaning: "When the allow-list is on, only these may sign up or sign in.",
    create: (clerk: Clerk, identifier: string) =>
      clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier, notify: false }),
    remove: (clerk: Clerk, id: string) => clerk.allowlistIdentifiers.deleteAllowlistIdentifier(id),
  },
  blocklist: {
    name: "Blocklist",
    meaning: "When the block-list is on, these may not sign up, accept an invitation or sign in.",
    create: (clerk: Clerk, identifier: string) =>
      clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier }),
    remove: (clerk: Clerk, id: string) => clerk.blocklistIdentifiers.deleteBlocklistIdentifier(id),
  },
} as const;

interface AddSnapshot {
  listed: boolean;
  identifier_id: string | null;
}

async function addSnapshot(clerk: Clerk, list: AccessList, identifier: string): Promise<AddSnapshot> {
  const wanted = normalizeIdentifier(identifier);
  const hit = (await fetchAccessList(clerk, list)).find((e) => normalizeIdentifier(e.identifier) === wanted);
  return { listed: hit !== undefined, identifier_id: hit?.id ?? null };
}

function addChecks(list: AccessList, identifier: string, snap: AddSnapshot): PreCheck[] {
  return [
    preCheck(
      "duplicate",
      !snap.listed,
      `${identifier} is not on the ${LIST_LABEL[list]} yet.`,
      `${identifier} is already on the ${LIST_LABEL[list]} (${snap.identifier_id}).`,
    ),
  ];
}

interface RemoveSnapshot {
  listed: boolean;
  identifier: string | null;
}

async function removeSnapshot(clerk: Clerk, list: AccessList, id: string): Promise<RemoveSnapshot> {
  const hit = (await fetchAccessList(clerk, list)).find((e) => e.id === id);
  return { listed: hit !== undefined, identifier: hit?.identifier ?? null };
}

function removePreview(list: AccessList, id: string, snap: RemoveSnapshot) {
  if (!snap.listed) throw AppError.notFound(`${LIST_LABEL[list]} identifier`, id);
  return { listed: false };
}

function removeChecks(list: AccessList, id: string, snap: RemoveSnapshot): PreCheck[] {
  return [
    preCheck(
      "listed",
      snap.listed,
      `${snap.identifier} is on the ${LIST_LABEL[list]}.`,
      `No ${LIST_LABEL[list]} identifier ${id}.`,
    ),
  ];
}

export function listAction(list: AccessList) {
  const label = LIST_LABEL[list];
  return defineAction({
    name: `list${LISTS[list].name}Identifiers`,
    title: `List ${label} identifiers`,
    description: `List the identifiers (email addresses, email domains, phone numbers) on the instance's ${label}, newest first. ${LISTS[list].meaning}`,
    kind: "read",
    input: accessListQueryInput,
    run: (input, { clerk }) => listIdentifiers(clerk, list, input.query),
  });
}

export function addAction(list: AccessList) {
  const label = LIST_LABEL[list];
  const name = `add${LISTS[list].name}Identifier`;
  return defineAction({
    name,
    title: `Add to ${label}`,
    description: `Add an email address, an email domain (acme.com or *@acme.com) or an E.164 phone number to the instance's ${label}. Refused if it is already listed. Needs human approval.`,
    kind: "write",
    input: z.strictObject({ identifier: accessIdentifierField }),
    target: (input) => ({ type: "access_list", email: normalizeIdentifier(input.identifier) }),
    snapshot: (input, { clerk }) => addSnapshot(clerk, list, input.identifier),
    preview: () => ({ listed: true }),
    checks: (input, snap) => addChecks(list, normalizeIdentifier(input.identifier), snap),
    applied: (_input, current) => current.listed,
    undo: {
      reason: `Undo by removing the identifier from the ${label} (remove${LISTS[list].name}Identifier, or the Access page).`,
    },
    run: async (input, { clerk }) => {
      const identifier = normalizeIdentifier(input.identifier);
      const snap = await preWriteRead(() => addSnapshot(clerk, list, identifier), `${name}.current`);
      refuseFailedChecks(addChecks(list, identifier, snap), "The identifier cannot be added:", "identifier");
      const created = await LISTS[list].create(clerk, identifier);
      return { id: created.id, identifier: created.identifier, identifier_type: created.identifierType };
    },
  });
}

export function removeAction(list: AccessList) {
  const label = LIST_LABEL[list];
  return defineAction({
    name: `remove${LISTS[list].name}Identifier`,
    title: `Remove from ${label}`,
    description: `Remove an identifier from the instance's ${label} by its id (from list${LISTS[list].name}Identifiers). Needs human approval.`,
    kind: "write",
    input: z.strictObject({ identifier_id: identifierIdField(list) }),
    target: (input) => ({ type: "access_list", id: input.identifier_id }),
    snapshot: (input, { clerk }) => removeSnapshot(clerk, list, input.identifier_id),
    preview: (input, snap) => removePreview(list, input.identifier_id, snap),
    checks: (input, snap) => removeChecks(list, input.identifier_id, snap),
    applied: (_input, current) => !current.listed,
    undo: {
      reason: `Undo by adding the identifier to the ${label} again (add${LISTS[list].name}Identifier, or the Access page).`,
    },
    run: async (input, { clerk }) => {
      const deleted = await orNotFound(
        LISTS[list].remove(clerk, input.identifier_id),
        `${label} identifier`,
        input.identifier_id,
      );
      return { id: deleted.id ?? input.identifier_id, deleted: true };
    },
  });
}
