// The allow-list's and the block-list's actions: one definition each for listing, adding and removing,
// made for either list (they differ only in Clerk's endpoints and the wording). Each action keeps its
// own module (the registry's rule), which only names it.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  type ActionContext,
  defineAction,
  type PreCheck,
  preWriteRead,
  type TargetRef,
} from "../define-action";
import {
  type AccessIdentifierSummary,
  type AccessList,
  accessIdentifierField,
  accessListQueryInput,
  fetchAccessList,
  identifierIdField,
  LIST_LABEL,
  listedIdentifierField,
  listIdentifiers,
  normalizeIdentifier,
} from "./access-list-shared";
import { refuseFailedChecks } from "./organization-shared";
import { exactlyOne, orNotFound, preCheck, refuseUnlessChecked } from "./shared";

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
  identifier_id: string | null;
}

/** A removal names its entry by id (the Access page) or by the identifier as listed (the agent). */
type RemoveInput = { identifier_id?: string; identifier?: string };

const removalKey = (input: RemoveInput) => input.identifier_id ?? normalizeIdentifier(input.identifier ?? "");

function removalTarget(input: RemoveInput): TargetRef {
  return input.identifier_id !== undefined
    ? { type: "access_list", id: input.identifier_id }
    : { type: "access_list", email: removalKey(input) };
}

async function removeSnapshot(clerk: Clerk, list: AccessList, input: RemoveInput): Promise<RemoveSnapshot> {
  const entries = await fetchAccessList(clerk, list);
  const hit =
    input.identifier_id !== undefined
      ? entries.find((e) => e.id === input.identifier_id)
      : onlyEntry(list, entries, removalKey(input));
  return { listed: hit !== undefined, identifier: hit?.identifier ?? null, identifier_id: hit?.id ?? null };
}

/** Clerk keeps an identifier once per list; should an instance hold it twice, only its id can say which. */
function onlyEntry(list: AccessList, entries: AccessIdentifierSummary[], identifier: string) {
  const hits = entries.filter((e) => normalizeIdentifier(e.identifier) === identifier);
  if (hits.length > 1) {
    const ids = hits.map((e) => e.id).join(", ");
    throw AppError.validation(
      {
        identifier: [
          `${identifier} is on the ${LIST_LABEL[list]} ${hits.length} times (${ids}); give identifier_id instead.`,
        ],
      },
      `${identifier} names more than one ${LIST_LABEL[list]} entry.`,
    );
  }
  return hits[0];
}

function removePreview(list: AccessList, input: RemoveInput, snap: RemoveSnapshot) {
  if (!snap.listed) throw AppError.notFound(`${LIST_LABEL[list]} identifier`, removalKey(input));
  return { listed: false };
}

function removeChecks(list: AccessList, input: RemoveInput, snap: RemoveSnapshot): PreCheck[] {
  return [
    preCheck(
      "listed",
      snap.listed,
      `${snap.identifier} is on the ${LIST_LABEL[list]}.`,
      `No ${LIST_LABEL[list]} identifier ${removalKey(input)}.`,
    ),
  ];
}

export function listAction(list: AccessList) {
  const label = LIST_LABEL[list];
  return defineAction({
    name: `list${LISTS[list].name}Identifiers`,
    title: `List ${label} identifiers`,
    description: `List the identifiers (email addresses, email domains, phone numbers) on the instance's ${label}, newest first. ${LISTS[list].meaning} Remove one by its identifier (remove${LISTS[list].name}Identifier).`,
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
  const name = `remove${LISTS[list].name}Identifier`;
  return defineAction({
    name,
    title: `Remove from ${label}`,
    description: `Remove an identifier from the instance's ${label}, named as list${LISTS[list].name}Identifiers shows it (identifier: acme.com) or by its identifier_id. Needs human approval.`,
    kind: "write",
    input: exactlyOne(
      z.strictObject({
        identifier: listedIdentifierField(list).optional(),
        identifier_id: identifierIdField(list).optional(),
      }),
      "identifier",
      "identifier_id",
    ),
    target: removalTarget,
    snapshot: (input, { clerk }) => removeSnapshot(clerk, list, input),
    preview: (input, snap) => removePreview(list, input, snap),
    checks: (input, snap) => removeChecks(list, input, snap),
    applied: (_input, current) => !current.listed,
    snapshotId: (snap) => snap.identifier_id,
    undo: {
      reason: `Undo by adding the identifier to the ${label} again (add${LISTS[list].name}Identifier, or the Access page).`,
    },
    run: async (input, ctx) => {
      const id = input.identifier_id ?? (await listedId(ctx, list, input, `${name}.current`));
      const deleted = await orNotFound(LISTS[list].remove(ctx.clerk, id), `${label} identifier`, id);
      return { id: deleted.id ?? id, deleted: true };
    },
  });
}

/** The id Clerk deletes by, read afresh for a removal named by its identifier: the checked one, or refused. */
async function listedId(
  ctx: ActionContext,
  list: AccessList,
  input: RemoveInput,
  label: string,
): Promise<string> {
  const snap = await preWriteRead(() => removeSnapshot(ctx.clerk, list, input), label);
  if (snap.identifier_id === null)
    throw AppError.notFound(`${LIST_LABEL[list]} identifier`, removalKey(input));
  refuseUnlessChecked(ctx, "access_list", snap.identifier_id, snap);
  return snap.identifier_id;
}
