import { seededRandom } from "./faults";
import type { State } from "./state/store";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The seeded restriction entries (Clerk's dashboard "Restrictions" page), fixed so demos and tests can name them. */
export const SEEDED_ALLOWLIST = ["example.com"] as const;
export const SEEDED_BLOCKLIST = ["tempmail.test"] as const;

/**
 * One allow-list and one block-list entry, on their own random stream (ids only). The block-list is
 * on; the allow-list stays off, and lists example.com, so turning it on never locks out the seeded
 * admin/viewer/member accounts.
 */
export function seedAccessLists(state: State, opts: { seed: number; anchor: number }): void {
  const rand = seededRandom((opts.seed ^ 0xacce55) >>> 0);
  SEEDED_ALLOWLIST.forEach((identifier, i) => {
    state.access.add("allowlist", identifier, { rand, at: opts.anchor - (30 - i) * DAY_MS });
  });
  SEEDED_BLOCKLIST.forEach((identifier, i) => {
    state.access.add("blocklist", identifier, { rand, at: opts.anchor - (20 - i) * DAY_MS });
  });
  state.access.updateRestrictions({ blocklist: true });
}
