import { after } from "next/server";

/**
 * Runs `task` once the response is sent (Next's `after`, which Vercel keeps alive with waitUntil), so a
 * request does not wait on work the user need not see; outside a request (scripts, tests) it just starts.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
