import { z } from "zod";
import { defineAction } from "../define-action";
import { toUserSummary } from "../projections";
import { DEFAULT_LIMIT, limitField, offsetField, userIdField } from "./shared";

export const USER_ORDER_FIELDS = [
  "created_at",
  "updated_at",
  "last_sign_in_at",
  "email_address",
  "first_name",
  "last_name",
] as const;

export const USER_ORDER_BY = USER_ORDER_FIELDS.flatMap((f) => [`-${f}`, `+${f}`] as const);

const email = z.string().trim().min(1).max(320);

export const emailFilterField = z
  .union([email, z.array(email).min(1).max(100)])
  .optional()
  .describe(
    "Exact email address, or a list of up to 100, to filter by. For a domain or partial match use `query` instead.",
  );

export const userQueryField = z
  .string()
  .trim()
  .max(200)
  .optional()
  .describe(
    "Free-text search, partial and case-insensitive, over email addresses, names, usernames and user ids.",
  );

export const listUsersInput = z.strictObject({
  user_id: z
    .array(userIdField)
    .min(1)
    .max(100)
    .optional()
    .describe("Only these user ids (up to 100), e.g. to fetch a known set of users in one call."),
  email_address: emailFilterField,
  query: userQueryField,
  limit: limitField,
  offset: offsetField,
  order_by: z
    .enum(USER_ORDER_BY as [string, ...string[]])
    .optional()
    .describe(
      "Sort order: a field with '-' (descending) or '+' (ascending). Default -created_at (newest first).",
    ),
});

export function normalizeEmails(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : value;
}

export const listUsers = defineAction({
  name: "listUsers",
  title: "List users",
  description:
    "List or search Clerk users, newest first unless order_by says otherwise. Returns one page of users and total_count, the number of all users matching the filters.",
  kind: "read",
  input: listUsersInput,
  run: async (input, { clerk }) => {
    // getUserList issues the list and the count concurrently: two requests, one round trip.
    const { data, totalCount } = await clerk.users.getUserList({
      userId: input.user_id,
      emailAddress: normalizeEmails(input.email_address),
      query: input.query || undefined,
      limit: input.limit ?? DEFAULT_LIMIT,
      offset: input.offset,
      orderBy: input.order_by as `-${(typeof USER_ORDER_FIELDS)[number]}` | undefined,
    });
    return { users: data.map(toUserSummary), total_count: totalCount };
  },
});
