import { type Db, getDb } from "@/lib/db/client";
import { type ClerkClient, getClerkClient } from "./client";
import type { ActionContext } from "./define-action";

/** What actions run on: this Clerk client and store, by default the process's (the store opened on first use). */
export function actionContext(opts: { clerk?: ClerkClient; db?: Db } = {}): ActionContext {
  const { db } = opts;
  return { clerk: opts.clerk ?? getClerkClient(), db: db ? async () => db : getDb };
}
