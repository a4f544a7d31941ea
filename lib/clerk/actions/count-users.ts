import { z } from "zod";
import { defineAction } from "../define-action";
import { checkDateRanges, toClerkUserFilter, userFilterShape } from "./user-filters";

export const countUsersInput = z.strictObject(userFilterShape).superRefine(checkDateRanges);

export const countUsers = defineAction({
  name: "countUsers",
  title: "Count users",
  description:
    "Count Clerk users, all of them or those matching the filters (the same as listUsers: banned, date ranges, organization, email, name, username, external id), without listing them.",
  kind: "read",
  input: countUsersInput,
  run: async (input, { clerk }) => ({
    total_count: await clerk.users.getCount(toClerkUserFilter(input)),
  }),
});
