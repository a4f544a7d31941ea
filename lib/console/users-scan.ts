// "Locked" is not a Clerk filter: for the locked/active statuses the console pages through Clerk's
// result (every other filter applied by Clerk) and keeps the users whose flag matches, up to a cap.
import type { UserSummary } from "@/lib/clerk/projections";

export const SCAN_CAP = 10_000;
const SCAN_PAGE = 500;

type ClerkPage = { users: UserSummary[]; total_count: number };
export type FetchClerkPage = (offset: number, limit: number) => Promise<ClerkPage>;

export type ScanResult = {
  /** Matching users among the scanned ones, in Clerk's order. */
  users: UserSummary[];
  /** Users Clerk returned for the other filters, and how many of them were checked. */
  clerkTotal: number;
  scanned: number;
};

export const lockPredicate = (locked: boolean) => (u: UserSummary) => u.locked === locked && !u.banned;

/** Every page of Clerk's result up to `cap` users, filtered. */
export async function scanUsers(
  fetchPage: FetchClerkPage,
  keep: (u: UserSummary) => boolean,
  cap = SCAN_CAP,
): Promise<ScanResult> {
  const users: UserSummary[] = [];
  let scanned = 0;
  let clerkTotal = 0;
  while (scanned < cap) {
    const page = await fetchPage(scanned, Math.min(SCAN_PAGE, cap - scanned));
    clerkTotal = page.total_count;
    scanned += page.users.length;
    users.push(...page.users.filter(keep));
    if (page.users.length === 0 || scanned >= clerkTotal) break;
  }
  return { users, clerkTotal, scanned };
}

/** A CSV page source over a scan: successive calls continue where the last one stopped. */
export function scanningPageSource(
  fetchPage: FetchClerkPage,
  keep: (u: UserSummary) => boolean,
  cap = SCAN_CAP,
) {
  let rawOffset = 0;
  let done = false;
  const buffer: UserSummary[] = [];
  return async (_offset: number, limit: number): Promise<{ users: UserSummary[] }> => {
    while (buffer.length < limit && !done) {
      const page = await fetchPage(rawOffset, Math.min(SCAN_PAGE, cap - rawOffset));
      rawOffset += page.users.length;
      buffer.push(...page.users.filter(keep));
      done = page.users.length === 0 || rawOffset >= page.total_count || rawOffset >= cap;
    }
    return { users: buffer.splice(0, limit) };
  };
}

/** The check a status needs beyond Clerk's filters, if any. */
export function statusCheck(status: string | undefined): ((u: UserSummary) => boolean) | undefined {
  if (status === "locked") return lockPredicate(true);
  if (status === "active") return lockPredicate(false);
  return undefined;
}
