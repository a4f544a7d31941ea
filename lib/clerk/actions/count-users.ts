import { z } from "zod";
import { defineAction } from "../define-action";
import { emailFilterField, normalizeEmails, userQueryField } from "./list-users";

export const countUsersInput = z.strictObject({
  email_address: emailFilterField,
  query: userQueryField,
});

export const countUsers = defineAction({
  name: "countUsers",
  title: "Count users",
  description: "Count Clerk users, all of them or those matching an email filter or a search query.",
  kind: "read",
  input: countUsersInput,
  run: async (input, { clerk }) => ({
    total_count: await clerk.users.getCount({
      emailAddress: normalizeEmails(input.email_address),
      query: input.query || undefined,
    }),
  }),
});
