import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionList } from "@/lib/clerk/registry";
import { approvals } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { settle } from "@/test/support/clerk-fixture";
import { type RestFixture, startRestFixture } from "@/test/support/rest-fixture";
import { inputJsonSchema } from "./schemas";

// Bad input to every write of the registry (derived, so a new action is covered when registered), as
// an admin's propose token sends it: an unknown field, a malformed id, a value of the wrong shape in
// any field, a body that is not an object. Each is a 422/400 with a message, nothing is proposed and
// nothing reaches Clerk. (Per-action refusals that need a valid rest, such as a taken username, a weak
// password or an unknown id, are in the actions' own tests.)

let rf: RestFixture;
let token = "";

beforeAll(async () => {
  setLogSink(() => {});
  rf = await startRestFixture(5);
  token = await rf.tokenFor(rf.seeded("admin@example.com", "admin"), "read+propose");
});

afterAll(async () => {
  await rf?.stop();
});

const post = (name: string, body: string) => rf.callAction(name, token, body);

/** A shape no field of any action takes: not text, not a number, not a record, not a list of scalars. */
const WRONG_SHAPE = [[{ $where: "1" }]];

function badBodies(name: string): [string, string][] {
  const action = actionList.find((a) => a.name === name);
  const props = Object.keys(
    (action ? (inputJsonSchema(action).properties ?? {}) : {}) as Record<string, unknown>,
  );
  return [
    ["an unknown field", JSON.stringify({ role: "admin" })],
    ["a prototype key", '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}'],
    ["a list body", "[1,2]"],
    ["a non-JSON body", "{'user_id':"],
    ...(props.includes("user_id")
      ? ([
          ["a path-traversal id", JSON.stringify({ user_id: "../admin" })],
          ["a quoted id", JSON.stringify({ user_id: "user_1' OR '1'='1" })],
        ] as [string, string][])
      : []),
    ...props.map((p): [string, string] => [`a wrong shape in ${p}`, JSON.stringify({ [p]: WRONG_SHAPE })]),
  ];
}

const writes = actionList.filter((a) => a.kind === "write").map((a) => a.name);

describe("bad input to every registry write over REST: a clear error, nothing proposed or written", () => {
  it.each(writes)("%s", { timeout: 60_000 }, async (name) => {
    const mark = rf.fx.mark();
    for (const [what, body] of badBodies(name)) {
      const res = await post(name, body);
      expect([400, 422], `${name}: ${what}`).toContain(res.status);
      const error = ((await res.json()) as { error?: { code?: string; message?: string } }).error;
      expect(error?.code, `${name}: ${what}`).toMatch(/^(validation_failed|bad_request)$/);
      expect(error?.message?.length, `${name}: ${what}`).toBeGreaterThan(0);
    }
    await settle();
    expect(rf.fx.requestsSince(mark).filter((e) => e.method !== "GET")).toEqual([]);
    expect(await rf.tdb.db.select({ id: approvals.id }).from(approvals)).toEqual([]);
  });
});
