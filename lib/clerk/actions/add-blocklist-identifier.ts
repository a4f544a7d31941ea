import { z } from "zod";
import { defineAction, preWriteRead } from "../define-action";
import { accessIdentifierField, addChecks, addSnapshot, normalizeIdentifier } from "./access-list-shared";
import { refuseFailedChecks } from "./organization-shared";

export const addBlocklistIdentifierInput = z.strictObject({ identifier: accessIdentifierField });

export const addBlocklistIdentifier = defineAction({
  name: "addBlocklistIdentifier",
  title: "Add to block-list",
  description:
    "Add an email address, an email domain (acme.com or *@acme.com) or an E.164 phone number to the instance's block-list. Refused if it is already listed. Needs human approval.",
  kind: "write",
  input: addBlocklistIdentifierInput,
  target: (input) => ({ type: "access_list", email: normalizeIdentifier(input.identifier) }),
  snapshot: (input, { clerk }) => addSnapshot(clerk, "blocklist", input.identifier),
  preview: () => ({ listed: true }),
  checks: (input, snap) => addChecks("blocklist", normalizeIdentifier(input.identifier), snap),
  applied: (_input, current) => current.listed,
  undo: {
    reason:
      "Undo by removing the identifier from the block-list (removeBlocklistIdentifier, or the Access page).",
  },
  run: async (input, { clerk }) => {
    const identifier = normalizeIdentifier(input.identifier);
    const snap = await preWriteRead(
      () => addSnapshot(clerk, "blocklist", identifier),
      "addBlocklistIdentifier.current",
    );
    refuseFailedChecks(
      addChecks("blocklist", identifier, snap),
      "The identifier cannot be added:",
      "identifier",
    );
    const created = await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier });
    return { id: created.id, identifier: created.identifier, identifier_type: created.identifierType };
  },
});
