import { defineAction } from "../define-action";
import { accessListQueryInput, listIdentifiers } from "./access-list-shared";

export const listBlocklistIdentifiers = defineAction({
  name: "listBlocklistIdentifiers",
  title: "List block-list identifiers",
  description:
    "List the identifiers (email addresses, email domains, phone numbers) on the instance's block-list, newest first. When the block-list is on, these may not sign up, accept an invitation or sign in.",
  kind: "read",
  input: accessListQueryInput,
  run: (input, { clerk }) => listIdentifiers(clerk, "blocklist", input.query),
});
