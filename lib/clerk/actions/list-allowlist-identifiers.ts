import { defineAction } from "../define-action";
import { accessListQueryInput, listIdentifiers } from "./access-list-shared";

export const listAllowlistIdentifiers = defineAction({
  name: "listAllowlistIdentifiers",
  title: "List allow-list identifiers",
  description:
    "List the identifiers (email addresses, email domains, phone numbers) on the instance's allow-list, newest first. When the allow-list is on, only these may sign up or sign in.",
  kind: "read",
  input: accessListQueryInput,
  run: (input, { clerk }) => listIdentifiers(clerk, "allowlist", input.query),
});
