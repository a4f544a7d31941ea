import { z } from "zod";
import { ensureMetadataIndex, metadataIndexFreshness } from "@/lib/webhooks/metadata-index";
import {
  METADATA_OPS,
  type MetadataPredicate,
  matchesAll,
  searchMetadataIndex,
} from "@/lib/webhooks/metadata-predicates";
import type { ClerkClient } from "../client";
import { type ActionContext, defineAction } from "../define-action";
import { toUserSummary, type UserSummary } from "../projections";
import { DEFAULT_LIMIT, limitField, offsetField } from "./shared";
import { checkDateRanges, toClerkUserFilter, userFilterShape } from "./user-filters";

/** Candidates (index rows, or users scanned for private metadata) checked per search, at most. */
export const SEARCH_CAP = 10_000;
const CHUNK = 100;
const PAGE = 500;

const predicate = z
  .strictObject({
    key: z
      .string()
      .trim()
      .min(1)
      .max(200)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
      .regex(/^[^\u0000-\u001f]+$/, "Must not contain control characters.")
      .describe("Metadata key; a dotted path such as billing.plan reaches into nested objects."),
    op: z
      .enum(METADATA_OPS)
      .describe(
        "eq / ne (strings case-insensitive; ne also matches users without the key), gt / gte / lt / lte (numbers, or strings such as ISO dates), contains (substring of a text value, or an element of an array), exists (the key is set; no value).",
      ),
    value: z
      .union([z.string().max(1000), z.number(), z.boolean(), z.null()])
      .optional()
      .describe("The value to compare with: text, number, boolean or null. Omit for exists."),
  })
  .superRefine((p, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (p.op === "exists") {
      if (p.value !== undefined) bad("exists takes no value.");
    } else if (p.value === undefined) bad(`${p.op} needs a value.`);
    else if (
      ["gt", "gte", "lt", "lte"].includes(p.op) &&
      typeof p.value !== "number" &&
      typeof p.value !== "string"
    )
      bad(`${p.op} compares numbers or text.`);
    else if (p.op === "contains" && typeof p.value !== "number" && typeof p.value !== "string")
      bad("contains takes text or a number.");
  });

export const searchUsersByMetadataInput = z
  .strictObject({
    where: z
      .array(predicate)
      .min(1)
      .max(10)
      .describe(
        "Conditions on metadata keys; a user must meet all of them. E.g. [{key:'plan', op:'eq', value:'pro'}].",
      ),
    metadata: z
      .enum(["public", "private"])
      .optional()
      .describe(
        "Which metadata the conditions read. public (default) is served from the console's index of Clerk's users; private is checked on Clerk's users directly, up to 10,000 of them.",
      ),
    ...userFilterShape,
    limit: limitField,
    offset: offsetField,
  })
  .superRefine(checkDateRanges);

type Input = z.output<typeof searchUsersByMetadataInput>;
type Match = { users: UserSummary[]; total_count: number };
type ClerkFilter = ReturnType<typeof toClerkUserFilter>;

/** These users as Clerk has them now (in this order), where they pass the Clerk filters. */
async function usersByIds(clerk: ClerkClient, ids: string[], filter: ClerkFilter) {
  const allowed = filter.userId ? ids.filter((id) => filter.userId?.includes(id)) : ids;
  const byId = new Map<string, UserSummary>();
  for (let i = 0; i < allowed.length; i += CHUNK) {
    const chunk = allowed.slice(i, i + CHUNK);
    const { data } = await clerk.users.getUserList({ ...filter, userId: chunk, limit: chunk.length });
    for (const u of data) byId.set(u.id, toUserSummary(u));
  }
  return allowed.flatMap((id) => byId.get(id) ?? []);
}

/** Public metadata: the index picks candidates, Clerk applies its filters and has the last word. */
async function searchIndex(input: Input, { clerk, db: openDb }: ActionContext, where: MetadataPredicate[]) {
  const db = await openDb();
  await ensureMetadataIndex(clerk, db);
  const filter = toClerkUserFilter(input);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const offset = input.offset ?? 0;
  const keep = (u: UserSummary) => matchesAll(u.public_metadata, where);
  let match: Match;
  let dropped = 0;
  let capped = false;
  if (Object.keys(filter).length === 0) {
    const { ids, total } = await searchMetadataIndex(db, where, { limit, offset });
    const users = await usersByIds(clerk, ids, filter);
    const current = users.filter(keep);
    dropped = ids.length - current.length;
    match = { users: current, total_count: total };
  } else {
    const { ids, total } = await searchMetadataIndex(db, where, { limit: SEARCH_CAP, offset: 0 });
    capped = total > ids.length;
    const current = (await usersByIds(clerk, ids, filter)).filter(keep);
    match = { users: current.slice(offset, offset + limit), total_count: current.length };
  }
  const [fresh, clerkUsers] = await Promise.all([metadataIndexFreshness(db), clerk.users.getCount()]);
  const behind = fresh.users !== clerkUsers || dropped > 0;
  return {
    ...match,
    source: "index" as const,
    index: {
      indexed_users: fresh.users,
      clerk_users: clerkUsers,
      last_resync_at: fresh.lastResyncAt?.toISOString() ?? null,
      last_webhook_at: fresh.lastEventAt?.toISOString() ?? null,
      stale_rows_dropped: dropped,
      behind,
      ...(behind
        ? {
            note: "The index does not match Clerk exactly (webhooks pending or missed): counts may be off until the next webhook or resync.",
          }
        : {}),
      ...(capped ? { capped_at: SEARCH_CAP } : {}),
    },
  };
}

/** Private metadata is not indexed: page through Clerk's filtered users and test each. */
async function scanClerk(input: Input, clerk: ClerkClient, where: MetadataPredicate[]) {
  const filter = toClerkUserFilter(input);
  const matches: UserSummary[] = [];
  let scanned = 0;
  let clerkTotal = 0;
  while (scanned < SEARCH_CAP) {
    const page = await clerk.users.getUserList({
      ...filter,
      limit: PAGE,
      offset: scanned,
      orderBy: "+created_at",
    });
    clerkTotal = page.totalCount;
    scanned += page.data.length;
    for (const u of page.data) if (matchesAll(u.privateMetadata, where)) matches.push(toUserSummary(u));
    if (page.data.length === 0 || scanned >= clerkTotal) break;
  }
  const offset = input.offset ?? 0;
  return {
    users: matches.slice(offset, offset + (input.limit ?? DEFAULT_LIMIT)),
    total_count: matches.length,
    source: "clerk" as const,
    scan: { scanned, clerk_users: clerkTotal, complete: scanned >= clerkTotal },
  };
}

export const searchUsersByMetadata = defineAction({
  name: "searchUsersByMetadata",
  title: "Search users by metadata",
  description:
    "Count and list users by their metadata (e.g. plan = pro, seats >= 10, a key that is set), optionally combined with listUsers' filters (banned, dates, organization, email…). Returns total_count, one page of users, and how fresh the answer is.",
  kind: "read",
  input: searchUsersByMetadataInput,
  readsPrivateMetadata: (input) => input.metadata === "private",
  run: async (input, ctx) => {
    const where = input.where as MetadataPredicate[];
    return input.metadata === "private" ? scanClerk(input, ctx.clerk, where) : searchIndex(input, ctx, where);
  },
});
