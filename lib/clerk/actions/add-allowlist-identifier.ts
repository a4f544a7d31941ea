import { z } from "zod";
import { defineAction, preWriteRead } from "../define-action";
import { accessIdentifierField, addChecks, addSnapshot, normalizeIdentifier } from "./access-list-shared";
import { refuseFailedChecks } from "./organization-shared";

export const addAllowlistIdentifierInput = z.strictObject({ identifier: accessIdentifierField });

export const addAllowlistIdentifier = defineAction({
  name: "addAllowlistIdentifier",
  title: "Add to allow-list",
  description:
    "Add an email address, an email domain (acme.com or *@acme.com) or an E.164 phone number to the instance's allow-list. Refused if it is already listed. Needs human approval.",
  kind: "write",
  input: addAllowlistIdentifierInput,
  target: (input) => ({ type: "access_list", email: normalizeIdentifier(input.identifier) }),
  snapshot: (input, { clerk }) => addSnapshot(clerk, "allowlist", input.identifier),
  preview: () => ({ listed: true }),
  checks: (input, snap) => addChecks("allowlist", normalizeIdentifier(input.identifier), snap),
  applied: (_input, current) => current.listed,
  undo: {
    reason:
      "Undo by removing the identifier from the allow-list (removeAllowlistIdentifier, or the Access page).",
  },
  run: async (input, { clerk }) => {
    const identifier = normalizeIdentifier(input.identifier);
    const snap = await preWriteRead(
      () => addSnapshot(clerk, "allowlist", identifier),
      "addAllowlistIdentifier.current",
    );
    refuseFailedChecks(
      addChecks("allowlist", identifier, snap),
      "The identifier cannot be added:",
      "identifier",
    );
    const created = await clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier, notify: false });
    return { id: created.id, identifier: created.identifier, identifier_type: created.identifierType };
  },
});
