import "server-only";
import { actionContext } from "@/lib/clerk/action-context";
import { countSignInsPerDay } from "@/lib/clerk/actions/count-sign-ins-per-day";
import { listActiveSessions } from "@/lib/clerk/actions/list-active-sessions";
import { listSignIns } from "@/lib/clerk/actions/list-sign-ins";
import { listSuspiciousSignIns } from "@/lib/clerk/actions/list-suspicious-sign-ins";
import { runAction } from "@/lib/clerk/define-action";
import { toPublicError } from "@/lib/errors";
import type { SessionsView } from "./sessions-view";

const DAY_MS = 86_400_000;
export const RECENT_SIGN_INS = 25;

/** One panel's data, or the user-safe reason it could not load (the other panels still show). */
export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

async function section<T>(load: Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await load };
  } catch (err) {
    return { ok: false, error: toPublicError(err).message };
  }
}

/** The sessions page's four reads, concurrent: two from the store (plus one email lookup each), two from Clerk. */
export async function loadSessionsPage(view: SessionsView, now = Date.now()) {
  const ctx = actionContext();
  const from = new Date(now - view.windowDays * DAY_MS).toISOString();
  const [active, perDay, recent, suspicious] = await Promise.all([
    section(runAction(listActiveSessions, { limit: 100 }, ctx)),
    section(runAction(countSignInsPerDay, {}, ctx)),
    section(runAction(listSignIns, { limit: RECENT_SIGN_INS }, ctx)),
    section(runAction(listSuspiciousSignIns, { from, more_than: view.moreThan, limit: 50 }, ctx)),
  ]);
  return { active, perDay, recent, suspicious };
}
