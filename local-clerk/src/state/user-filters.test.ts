import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { State } from "./store";
import type { UserRecord } from "./types";
import { comparator, compileFilter, searchText, USER_ORDER_FIELDS, type UserFilter } from "./user-query";
import { SEARCH_TUNING } from "./user-search";

const DAY = 86_400_000;
const PROVIDERS = ["oauth_google", "oauth_github"];

/** 60 users with phones, wallets, OAuth accounts, external ids, usernames and dates drawn from small pools. */
function population(seed: number): State {
  const state = new State();
  let r = seed;
  const rand = () => {
    r = (r * 1103515245 + 12345) % 2 ** 31;
    return r / 2 ** 31;
  };
  for (let i = 0; i < 60; i++) {
    const u = state.users.create(
      {
        emailAddresses: [`user${i}@${rand() < 0.5 ? "outlook.com" : "acme.com"}`],
        firstName: ["Ann", "Bob", "Cleo"][i % 3],
        lastName: ["Lee", "Moss"][i % 2],
        username: i % 3 === 0 ? `name${i}` : null,
        externalId: rand() < 0.4 ? `crm_${i % 7}` : null,
        phoneNumbers: i % 2 === 1 ? [`+1555000${String(i).padStart(4, "0")}`] : undefined,
        createdAt: Math.floor(rand() * 20) * DAY,
      },
      { silent: true },
    );
    const signIn = rand() < 0.7 ? Math.floor(rand() * 20) * DAY : null;
    const at = u.created_at;
    state.users.load({
      ...u,
      banned: rand() < 0.2,
      last_sign_in_at: signIn,
      last_active_at: signIn === null ? null : signIn + DAY,
      web3_wallets:
        i % 5 === 1
          ? [
              {
                id: `idn_w${i}`,
                web3_wallet: `0x${String(i).padStart(40, "a")}`,
                created_at: at,
                updated_at: at,
              },
            ]
          : undefined,
      external_accounts:
        rand() < 0.4
          ? [
              {
                id: `eac_${i}`,
                provider: PROVIDERS[i % 2] as string,
                provider_user_id: `p${i % 9}`,
                email_address: "",
                first_name: "",
                last_name: "",
                created_at: at,
                updated_at: at,
              },
            ]
          : undefined,
    });
  }
  return state;
}

const SHAPE = {
  query: fc.constantFrom("ann", "outlook", "+1555", "lee"),
  phoneNumbers: fc.constantFrom(["+15550000001"], ["+15550000003", "+15550000010"]),
  web3Wallets: fc.constantFrom([`0x${"1".padStart(40, "a")}`], [`0x${"6".padStart(40, "A")}`]),
  externalIds: fc.constantFrom(["crm_1"], ["crm_2", "crm_3"]),
  usernames: fc.constantFrom(["NAME3"], ["name4", "name9"]),
  providerUserIds: fc.constantFrom(["p1"], ["p2", "p4"]),
  provider: fc.constantFrom(...PROVIDERS),
  phoneNumberQuery: fc.constantFrom("0000", "+1555000001"),
  emailAddressQuery: fc.constantFrom("outlook", "USER1"),
  nameQuery: fc.constantFrom("ann lee", "bob", "Moss"),
  usernameQuery: fc.constantFrom("name", "e1"),
  banned: fc.boolean(),
  createdAtBefore: fc.integer({ min: 0, max: 20 }).map((d) => d * DAY),
  createdAtAfter: fc.integer({ min: 0, max: 20 }).map((d) => d * DAY),
  lastSignInAtBefore: fc.integer({ min: 0, max: 20 }).map((d) => d * DAY),
  lastSignInAtAfter: fc.integer({ min: 0, max: 20 }).map((d) => d * DAY),
  lastActiveAtBefore: fc.integer({ min: 0, max: 22 }).map((d) => d * DAY),
  lastActiveAtAfter: fc.integer({ min: 0, max: 22 }).map((d) => d * DAY),
};
const allFilters = fc.record(SHAPE);
/** One to three conditions at a time, so many filters still match someone. */
const filterArb = fc
  .tuple(allFilters, fc.shuffledSubarray(Object.keys(SHAPE), { minLength: 1, maxLength: 3 }))
  .map(([values, keys]) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = (values as Record<string, unknown>)[k];
      out[k] = Array.isArray(v) ? [...v] : v;
    }
    return out as UserFilter;
  });

describe("GET /v1/users filters: indexes, range slices and text pre-checks give the naive answer", () => {
  it.each([
    ["candidate sets (trigram, exact, narrow ranges)", 2_000],
    ["sorted scans and range slices", 0],
  ])(
    "list (any order, offset, starting_after) and count match filtering every user: %s",
    (_, minCandidates) => {
      SEARCH_TUNING.minCandidates = minCandidates;
      const state = population(7);
      const all = [...state.users.all()];
      fc.assert(
        fc.property(
          filterArb,
          fc.constantFrom(...USER_ORDER_FIELDS),
          fc.boolean(),
          fc.nat({ max: 5 }),
          fc.option(fc.nat({ max: 59 }), { nil: undefined }),
          (raw, field, desc, offset, afterIndex) => {
            const filter: UserFilter = { ...raw };
            if (!filter.provider !== !filter.providerUserIds) {
              delete filter.provider;
              delete filter.providerUserIds;
            }
            const pred = compileFilter(filter, searchText) ?? (() => true);
            const cmp = comparator(field);
            const expected = all.filter(pred).sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)));
            expect(state.users.count(filter)).toBe(expected.length);
            const after =
              afterIndex === undefined || field !== "created_at"
                ? undefined
                : (all[afterIndex] as UserRecord);
            const rest = after
              ? expected.filter((u) => (desc ? -cmp(u, after) : cmp(u, after)) > 0)
              : expected;
            const skip = after ? 0 : offset;
            const got = state.users.list(filter, { field, desc }, 10, skip, after).map((u) => u.id);
            expect(got).toEqual(rest.slice(skip, skip + 10).map((u) => u.id));
          },
        ),
        { numRuns: 400, seed: 15 },
      );
      SEARCH_TUNING.minCandidates = 2_000;
    },
  );
});
