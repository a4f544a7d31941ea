import { seededRandom } from "./faults";
import { newId } from "./state/ids";
import { syntheticActivity } from "./state/session-activity";
import type { State } from "./state/store";
import type { SessionRecord } from "./state/types";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Users with several devices in the seeded history: the "suspicious sign-ins" demo has something to show. */
export const SEEDED_ROAMING_USERS = 2;

/**
 * Past sign-ins (ended sessions over the last two weeks, each with its device and place) on their own
 * random stream, so the sessions page and the backfill have history. Silent: Clerk keeps no webhook
 * history for them either, which is what the console's backfill is for.
 */
export function seedSignIns(state: State, opts: { seed: number; anchor: number; skip: Set<string> }): number {
  const rand = seededRandom((opts.seed ^ 0x5e5510) >>> 0);
  let count = 0;
  let roaming = 0;
  let seen = 0;
  const add = (userId: string, at: number, agent: number) => {
    const client = state.sessions.createClient(rand);
    const session: SessionRecord = {
      id: newId("sess", rand),
      client_id: client.id,
      user_id: userId,
      status: "ended",
      last_active_at: at + HOUR_MS,
      expire_at: at + 7 * DAY_MS,
      abandon_at: at + 30 * DAY_MS,
      created_at: at,
      updated_at: at + HOUR_MS,
      activity: syntheticActivity(client.id, agent),
    };
    state.sessions.loadSession(session);
    count++;
  };
  for (const user of state.users.all()) {
    if (opts.skip.has(user.id)) continue;
    if (++seen > 400) break;
    if (roaming < SEEDED_ROAMING_USERS && seen % 97 === 0) {
      roaming++;
      for (let i = 0; i < 4; i++) add(user.id, opts.anchor - (i + 1) * 7 * HOUR_MS, i);
      continue;
    }
    if (rand() > 0.15) continue;
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      add(user.id, opts.anchor - Math.floor(rand() * 14 * DAY_MS) - HOUR_MS, Math.floor(rand() * 5));
    }
  }
  return count;
}
