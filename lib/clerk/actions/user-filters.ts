import { z } from "zod";
import type { ClerkClient } from "../client";
import { isoToMillis } from "../iso-date";
import { userIdField } from "./shared";

const DATE_HINT = "Must be an ISO 8601 date (2026-12-01) or date-time (2026-12-01T09:30:00Z).";

/** Refines an input with from/to so `to` must come after `from`. */
export function refineWindow(v: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.from && v.to && (isoToMillis(v.from) ?? 0) >= (isoToMillis(v.to) ?? 0)) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "Must be after `from`." });
  }
}

/**
 * Coerced: the model's tool data carries days as bare numbers (20261205), and a model that copies one
 * into a filter sends a JSON number; any other non-string still fails the ISO check.
 */
export const dateField = (what: string) =>
  z.coerce
    .string()
    .trim()
    .max(40)
    .refine((v) => isoToMillis(v) !== undefined, { message: DATE_HINT })
    .optional()
    .describe(`${what}. ISO 8601 date (2026-12-01, midnight UTC) or date-time (2026-12-01T09:30:00Z).`);

const oneOrMany = (item: z.ZodString, what: string) =>
  z
    .union([item, z.array(item).min(1).max(100)])
    .optional()
    .describe(`${what}, or a list of up to 100 (exact match).`);

const text = (max: number) => z.string().trim().min(1).max(max);
const orgId = z
  .string()
  .max(64)
  .regex(/^[+-]?org_[A-Za-z0-9]+$/, "Must be a Clerk organization id (org_…), optionally prefixed + or -.");

export const emailFilterField = oneOrMany(text(320), "Exact email address").describe(
  "Exact email address, or a list of up to 100, to filter by. For a domain or partial match use `email_address_query` or `query`.",
);

export const userQueryField = z
  .string()
  .trim()
  .max(200)
  .optional()
  .describe(
    "Free-text search, partial and case-insensitive, over email addresses, names, usernames and user ids.",
  );

const RANGES = [
  ["created_at", "signed up"],
  ["last_sign_in_at", "last signed in"],
  ["last_active_at", "were last active"],
] as const;

/** The Clerk user filters that listUsers, countUsers and searchUsersByMetadata share. */
export const userFilterShape = {
  user_id: z
    .array(userIdField)
    .min(1)
    .max(100)
    .optional()
    .describe("Only these user ids (up to 100), e.g. to fetch a known set of users in one call."),
  email_address: emailFilterField,
  query: userQueryField,
  email_address_query: text(200)
    .optional()
    .describe("Partial, case-insensitive match on email addresses, e.g. '@acme.com' for a domain."),
  name_query: text(200).optional().describe("Partial, case-insensitive match on first or last name."),
  username_query: text(200).optional().describe("Partial, case-insensitive match on usernames."),
  phone_number_query: text(40).optional().describe("Partial match on phone numbers, e.g. '+1555'."),
  username: oneOrMany(text(200), "Exact username"),
  phone_number: oneOrMany(text(40), "Exact phone number in E.164 form (+15551234567)"),
  external_id: oneOrMany(text(200), "Exact external id"),
  organization_id: z
    .array(orgId)
    .min(1)
    .max(100)
    .optional()
    .describe(
      "Members of these organizations (org_… ids, up to 100). Prefix an id with '-' to exclude its members.",
    ),
  banned: z.boolean().optional().describe("true: only banned users; false: only users who are not banned."),
  created_at_after: dateField("Users who signed up after this instant"),
  created_at_before: dateField("Users who signed up before this instant"),
  last_sign_in_at_after: dateField("Users who last signed in after this instant"),
  last_sign_in_at_before: dateField("Users who last signed in before this instant"),
  last_active_at_after: dateField("Users who were last active after this instant"),
  last_active_at_before: dateField("Users who were last active before this instant"),
};

const userFilterObject = z.strictObject(userFilterShape);
export type UserFilterInput = z.output<typeof userFilterObject>;

/** Cross-field rule: a range whose start is not before its end matches nobody, which is never meant. */
export function checkDateRanges(input: UserFilterInput, ctx: z.RefinementCtx): void {
  for (const [field, verb] of RANGES) {
    const after = input[`${field}_after`];
    const before = input[`${field}_before`];
    if (!after || !before) continue;
    const a = isoToMillis(after);
    const b = isoToMillis(before);
    if (a !== undefined && b !== undefined && a >= b) {
      ctx.addIssue({
        code: "custom",
        path: [`${field}_after`],
        message: `${field}_after must be earlier than ${field}_before (users who ${verb} between the two).`,
      });
    }
  }
}

type ClerkUserFilter = Omit<
  NonNullable<Parameters<ClerkClient["users"]["getUserList"]>[0]>,
  "limit" | "offset" | "orderBy"
> & {
  // Clerk serves these on GET /users and /users/count; the SDK types lag behind but pass them through.
  banned?: "true" | "false";
  emailAddressQuery?: string;
  nameQuery?: string;
  usernameQuery?: string;
  phoneNumberQuery?: string;
};

const list = (v: string | string[] | undefined) =>
  v === undefined ? undefined : typeof v === "string" ? [v] : v;
const millis = (v: string | undefined) => (v === undefined ? undefined : isoToMillis(v));

/** Our snake_case, ISO-dated input as the SDK's camelCase, millisecond-dated parameters. */
export function toClerkUserFilter(input: UserFilterInput): ClerkUserFilter {
  const out: ClerkUserFilter = {
    userId: input.user_id,
    emailAddress: list(input.email_address),
    query: input.query || undefined,
    emailAddressQuery: input.email_address_query,
    nameQuery: input.name_query,
    usernameQuery: input.username_query,
    username: list(input.username),
    phoneNumber: list(input.phone_number),
    phoneNumberQuery: input.phone_number_query,
    externalId: list(input.external_id),
    organizationId: input.organization_id,
    // As a string: the SDK drops falsy query values, so `false` would silently mean "everyone".
    banned: input.banned === undefined ? undefined : input.banned ? "true" : "false",
    createdAtAfter: millis(input.created_at_after),
    createdAtBefore: millis(input.created_at_before),
    lastSignInAtAfter: millis(input.last_sign_in_at_after),
    lastSignInAtBefore: millis(input.last_sign_in_at_before),
    lastActiveAtAfter: millis(input.last_active_at_after),
    lastActiveAtBefore: millis(input.last_active_at_before),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ClerkUserFilter;
}
