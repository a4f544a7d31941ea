import { z } from "zod";
import { type ActionContext, type PreCheck, readShared } from "../define-action";
import { allowlistEnabled } from "../instance-restrictions";
import { eachPage } from "../pages";
import { clerkId, preCheck } from "./shared";

export type AccessList = "allowlist" | "blocklist";

export const LIST_LABEL: Record<AccessList, string> = { allowlist: "allow-list", blocklist: "block-list" };

const EMAIL = /^[^\s@]+@[^\s@*]+\.[^\s@]+$/;
const DOMAIN =
  /^(\*@)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

export const accessIdentifierField = z
  .string()
  .min(3)
  .max(320)
  .refine(
    (v) => EMAIL.test(v) || DOMAIN.test(v) || PHONE.test(v),
    "Must be an email address (jane@acme.com), an email domain (acme.com or *@acme.com) or a phone number in E.164 format (+15555550100).",
  )
  .describe("An email address, an email domain (acme.com or *@acme.com) or an E.164 phone number.");

export const identifierIdField = (list: AccessList) =>
  clerkId(list === "allowlist" ? "alid" : "blid", `${LIST_LABEL[list]} identifier`).describe(
    `The ${LIST_LABEL[list]} entry's id (REST and MCP lists give it); instead of identifier.`,
  );

/** Any listed value, not only the shapes an addition takes: whatever is on the list can come off it. */
export const listedIdentifierField = (list: AccessList) =>
  z
    .string()
    .min(3)
    .max(320)
    .describe(
      `The identifier as the ${LIST_LABEL[list]} lists it (jane@acme.com, acme.com, *@acme.com, +15555550100; any case); instead of identifier_id.`,
    );

export interface AccessIdentifierSummary {
  id: string;
  identifier: string;
  identifier_type: string;
  created_at: number;
}

const PAGE = 500;

/** Every identifier on the list (they are short: an instance keeps tens, not thousands). */
export async function fetchAccessList(
  clerk: ActionContext["clerk"],
  list: AccessList,
): Promise<AccessIdentifierSummary[]> {
  const out: AccessIdentifierSummary[] = [];
  await eachPage(
    (page) =>
      list === "allowlist"
        ? clerk.allowlistIdentifiers.getAllowlistIdentifierList(page)
        : clerk.blocklistIdentifiers.getBlocklistIdentifierList(page),
    ({ data, totalCount }) => {
      for (const i of data) {
        out.push({
          id: i.id,
          identifier: i.identifier,
          identifier_type: i.identifierType,
          created_at: i.createdAt,
        });
      }
      return out.length < totalCount;
    },
    { pageSize: PAGE },
  );
  return out;
}

export const normalizeIdentifier = (raw: string) => raw.trim().toLowerCase();

/** The entries that cover an email: itself, itself without a `+subaddress`, its domain (or `*@domain`). */
export function coveringEntry<E extends { identifier: string }>(entries: E[], email: string): E | null {
  const value = normalizeIdentifier(email);
  const at = value.lastIndexOf("@");
  const candidates = new Set([value]);
  if (at > 0) {
    const domain = value.slice(at + 1);
    candidates.add(`${value.slice(0, at).split("+")[0]}@${domain}`);
    candidates.add(domain);
    candidates.add(`*@${domain}`);
  }
  return entries.find((e) => candidates.has(normalizeIdentifier(e.identifier))) ?? null;
}

/** The block-list entry that refuses this email, if any: shared by the invitation pre-checks. */
export async function blockedBy(ctx: ActionContext, email: string): Promise<string | null> {
  const list = await readShared(ctx, "blocklist", () => fetchAccessList(ctx.clerk, "blocklist"));
  return coveringEntry(list, email)?.identifier ?? null;
}

export function blocklistCheck(email: string, blocked: string | null): PreCheck {
  return preCheck(
    "blocklist",
    blocked === null,
    `${email} is not on the block-list.`,
    `${email} is on the block-list (${blocked}); Clerk would refuse the sign-up, so it cannot be invited.`,
  );
}

/**
 * True when the allow-list restriction is on and no entry covers this email (Clerk would refuse the
 * sign-up); false when covered or the restriction is off; an invitation's pre-check warns on true.
 */
export async function outsideAllowlist(ctx: ActionContext, email: string): Promise<boolean> {
  if ((await allowlistEnabled()) !== true) return false;
  const list = await readShared(ctx, "allowlist", () => fetchAccessList(ctx.clerk, "allowlist"));
  return coveringEntry(list, email) === null;
}

/** A warning, never a refusal: the admin may still invite someone the allow-list does not cover yet. */
export function allowlistWarning(email: string): PreCheck {
  return {
    id: "allowlist",
    ok: true,
    warning: true,
    message: `${email} is outside the allow-list, which is on: Clerk will refuse their sign-up unless the email or its domain is added to the allow-list.`,
  };
}

export const accessListQueryInput = z.strictObject({
  query: z
    .string()
    .max(320)
    .optional()
    .describe("Only identifiers containing this text (case-insensitive), e.g. a domain."),
});

export async function listIdentifiers(clerk: ActionContext["clerk"], list: AccessList, query?: string) {
  const needle = query?.trim().toLowerCase();
  const all = await fetchAccessList(clerk, list);
  const identifiers = needle ? all.filter((i) => i.identifier.toLowerCase().includes(needle)) : all;
  return { identifiers, total_count: identifiers.length };
}
