import { Pacer, paceFromEnv } from "./pacer";

const KEY = Symbol.for("clerk-admin-console.job-pacer");
const holder = globalThis as unknown as { [KEY]?: Pacer };

/** One pacer per process: every job (and planning read) in this process shares Clerk's budget. */
export function sharedPacer(): Pacer {
  holder[KEY] ??= new Pacer(paceFromEnv());
  return holder[KEY];
}
