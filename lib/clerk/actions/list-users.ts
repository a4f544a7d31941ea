import { z } from "zod";
import { defineAction } from "../define-action";
import { toUserSummary } from "../projections";
import { USER_ORDER_BY } from "../user-order";
import { limitField, offsetField, pageOf } from "./shared";
import { checkDateRanges, toClerkUserFilter, userFilterShape } from "./user-filters";

export const listUsersInput = z
  .strictObject({
    ...userFilterShape,
    limit: limitField,
    offset: offsetField,
    order_by: z
      .enum(USER_ORDER_BY)
      .optional()
      .describe(
        "Sort order: a field with '-' (descending) or '+' (ascending). Default -created_at (newest first).",
      ),
  })
  .superRefine(checkDateRanges);

export const listUsers = defineAction({
  name: "listUsers",
  title: "List users",
  description:
    "List or search Clerk users, newest first unless order_by says otherwise. Filters combine (AND): banned, sign-up / last sign-in / last active date ranges, organization, email, name, username, external id. Returns one page of users and total_count, the number of all users matching the filters.",
  kind: "read",
  input: listUsersInput,
  run: async (input, { clerk }) => {
    // getUserList issues the list and the count concurrently: two requests, one round trip.
    const { data, totalCount } = await clerk.users.getUserList({
      ...toClerkUserFilter(input),
      ...pageOf(input),
      orderBy: input.order_by,
    });
    return { users: data.map(toUserSummary), total_count: totalCount };
  },
});
