import { z } from "zod";
import { defineAction } from "../define-action";
import { identifierIdField, removeChecks, removePreview, removeSnapshot } from "./access-list-shared";
import { orNotFound } from "./shared";

export const removeAllowlistIdentifierInput = z.strictObject({
  identifier_id: identifierIdField("allowlist"),
});

export const removeAllowlistIdentifier = defineAction({
  name: "removeAllowlistIdentifier",
  title: "Remove from allow-list",
  description:
    "Remove an identifier from the instance's allow-list by its id (from listAllowlistIdentifiers). Needs human approval.",
  kind: "write",
  input: removeAllowlistIdentifierInput,
  target: (input) => ({ type: "access_list", id: input.identifier_id }),
  snapshot: (input, { clerk }) => removeSnapshot(clerk, "allowlist", input.identifier_id),
  preview: (input, snap) => removePreview("allowlist", input.identifier_id, snap),
  checks: (input, snap) => removeChecks("allowlist", input.identifier_id, snap),
  applied: (_input, current) => !current.listed,
  undo: {
    reason:
      "Undo by adding the identifier to the allow-list again (addAllowlistIdentifier, or the Access page).",
  },
  run: async (input, { clerk }) => {
    const deleted = await orNotFound(
      clerk.allowlistIdentifiers.deleteAllowlistIdentifier(input.identifier_id),
      "allow-list identifier",
      input.identifier_id,
    );
    return { id: deleted.id ?? input.identifier_id, deleted: true };
  },
});
