import type { APIRequestContext, APIResponse } from "@playwright/test";
import { appServerActions } from "./console-surface";

export interface ServerActionCall {
  response: APIResponse;
  /** The action's return value, decoded from the RSC payload; undefined when it did not run. */
  result: unknown;
}

/** POSTs a server action the way React's client runtime does (Next-Action header, JSON-encoded args). */
export async function callServerAction(
  request: APIRequestContext,
  opts: { pagePath: string; actionId: string; args: unknown[]; origin: string },
): Promise<ServerActionCall> {
  const response = await request.post(opts.pagePath, {
    headers: {
      "Next-Action": opts.actionId,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: opts.origin,
      Connection: "close",
    },
    data: JSON.stringify(opts.args),
    maxRedirects: 0,
  });
  let result: unknown;
  const body = await response.text();
  for (const line of body.split("\n")) {
    const match = /^[0-9a-f]+:(.*)$/.exec(line);
    if (!match?.[1]) continue;
    try {
      const value: unknown = JSON.parse(match[1]);
      if (value && typeof value === "object" && "ok" in value) result = value;
    } catch {
      // not a JSON row (e.g. a text chunk)
    }
  }
  return { response, result };
}

/**
 * The id Next gave a server action in the build under test (from the build's server-reference
 * manifest), so a test can call the action exactly like the browser does, without clicking a UI.
 */
export function serverActionId(filename: string, exportedName: string): string {
  const found = appServerActions().find(
    (a) => a.filename.endsWith(filename) && a.exportedName === exportedName,
  );
  if (!found) throw new Error(`server action ${filename}#${exportedName} is not in the build`);
  return found.id;
}
