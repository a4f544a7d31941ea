import { z } from "zod";
import { defineAction } from "../define-action";
import { identifierIdField, removeChecks, removePreview, removeSnapshot } from "./access-list-shared";
import { orNotFound } from "./shared";

export const removeBlocklistIdentifierInput = z.strictObject({
  identifier_id: identifierIdField("blocklist"),
});

export const removeBlocklistIdentifier = defineAction({
  name: "removeBlocklistIdentifier",
  title: "Remove from block-list",
  description:
    "Remove an identifier from the instance's block-list by its id (from listBlocklistIdentifiers). Needs human approval.",
  kind: "write",
  input: removeBlocklistIdentifierInput,
  target: (input) => ({ type: "access_list", id: input.identifier_id }),
  snapshot: (input, { clerk }) => removeSnapshot(clerk, "blocklist", input.identifier_id),
  preview: (input, snap) => removePreview("blocklist", input.identifier_id, snap),
  checks: (input, snap) => removeChecks("blocklist", input.identifier_id, snap),
  applied: (_input, current) => !current.listed,
  undo: {
    reason:
      "Undo by adding the identifier to the block-list again (addBlocklistIdentifier, or the Access page).",
  },
  run: async (input, { clerk }) => {
    const deleted = await orNotFound(
      clerk.blocklistIdentifiers.deleteBlocklistIdentifier(input.identifier_id),
      "block-list identifier",
      input.identifier_id,
    );
    return { id: deleted.id ?? input.identifier_id, deleted: true };
  },
});
