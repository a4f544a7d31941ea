import { asSchema, type Schema, type ToolExecutionOptions } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleRole } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { actionList } from "@/lib/clerk/registry";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { decodeModelText } from "./model-text";
import { REDACTED } from "./redact";
import { buildAgentTools, toolInputSchema } from "./tools";

let lc: LocalClerkHandle;
let ctx: ActionContext;
let userId: string;
let gateCalls: string[] = [];

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: 60 });
  ctx = actionContext({ clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) });
  const list = await ctx.clerk.users.getUserList({ emailAddress: ["admin@example.com"] });
  userId = list.data[0]?.id ?? "";
  expect(userId).toMatch(/^user_/);
  // give the user private metadata that must never reach the model
  await ctx.clerk.users.updateUserMetadata(userId, { privateMetadata: { stripe_id: "cus_SECRET_123" } });
});
afterAll(async () => {
  await lc?.stop();
});

function toolsFor(role: ConsoleRole, allowPrivateMetadata = false) {
  gateCalls = [];
  return buildAgentTools({
    auth: { role },
    ctx,
    allowPrivateMetadata,
    writeGate: async (action) => {
      gateCalls.push(action.name);
      throw new Error("Refused: no approval");
    },
  });
}

const opts = (id: string) => ({ toolCallId: id, messages: [] }) as unknown as ToolExecutionOptions<unknown>;
const READS = actionList.filter((a) => a.kind === "read").map((a) => a.name);
const WRITES = actionList.filter((a) => a.kind === "write").map((a) => a.name);

describe("tool set per role", () => {
  it("splits the registry into reads and writes by each action's kind", () => {
    expect(READS.length).toBeGreaterThan(0);
    expect(WRITES.length).toBeGreaterThan(0);
    expect(READS.length + WRITES.length).toBe(actionList.length);
  });

  it.each([
    ["admin", [...READS, ...WRITES]],
    ["viewer", READS],
    ["none", []],
  ] as const)("%s gets exactly its tools", (role, expected) => {
    const { tools, writeToolNames } = toolsFor(role);
    expect(Object.keys(tools).sort()).toEqual([...expected].sort());
    expect([...writeToolNames].sort()).toEqual(role === "admin" ? [...WRITES].sort() : []);
  });

  it.each(actionList.map((a) => [a.name, a] as const))(
    "%s: the tool's input schema is the action's zod schema, wrapped once per process",
    async (name, action) => {
      const schema = toolsFor("admin").tools[name]?.inputSchema as Schema<unknown>;
      expect(schema).toBe(toolInputSchema(action.input));
      // The same wrapper on every build, so its JSON Schema is converted once, not on every step.
      expect(toolsFor("viewer").tools[name]?.inputSchema ?? schema).toBe(schema);
      expect(schema.jsonSchema).toEqual(asSchema(action.input).jsonSchema);
      for (const sample of [{}, { user_id: "user_1" }, { email: "x@example.com" }, { limit: -1 }]) {
        const ours = await schema.validate?.(sample);
        expect(ours?.success).toBe(action.input.safeParse(sample).success);
      }
    },
  );
});

describe("read tools against Local Clerk", () => {
  it.each(["admin", "viewer"] as const)(
    "getUser as %s: compact projection, private metadata redacted",
    async (role) => {
      const { tools } = toolsFor(role);
      const out = (await tools.getUser?.execute?.({ user_id: userId }, opts("c1"))) as Record<
        string,
        unknown
      >;
      expect(out.id).toBe(userId);
      expect(out.primary_email).toBe("admin@example.com");
      expect(out.private_metadata).toBe(REDACTED);
      expect(JSON.stringify(out)).not.toContain("cus_SECRET_123");
      // no raw BAPI fields, no nulls
      expect(out).not.toHaveProperty("object");
      expect(out).not.toHaveProperty("email_addresses.0.verification");
      for (const value of Object.values(out)) expect(value).not.toBeNull();
    },
  );

  it("private metadata reaches the model only when the deployment opts in", async () => {
    const { tools } = toolsFor("admin", true);
    const out = (await tools.getUser?.execute?.({ user_id: userId }, opts("c2"))) as Record<string, unknown>;
    expect(out.private_metadata).toEqual({ stripe_id: "cus_SECRET_123" });
  });

  it("a search by private metadata is refused while private metadata is hidden (a match would reveal it)", async () => {
    const input = { where: [{ key: "stripe_id", op: "eq", value: "cus_SECRET_123" }], metadata: "private" };
    const hidden = (await toolsFor("admin").tools.searchUsersByMetadata?.execute?.(input, opts("p1"))) as {
      error?: { code: string };
    };
    expect(hidden.error?.code).toBe("forbidden");
    expect(JSON.stringify(hidden)).not.toContain(userId);
    const allowed = (await toolsFor("admin", true).tools.searchUsersByMetadata?.execute?.(
      input,
      opts("p2"),
    )) as {
      total_count: number;
    };
    expect(allowed.total_count).toBe(1);
  });

  it("listUsers redacts every user and wraps model output as untrusted data", async () => {
    const { tools } = toolsFor("viewer");
    const out = (await tools.listUsers?.execute?.({ query: "example.com", limit: 20 }, opts("c3"))) as {
      users: Record<string, unknown>[];
      total_count: number;
    };
    expect(out.users.length).toBeGreaterThan(0);
    expect(JSON.stringify(out)).not.toContain("cus_SECRET_123");
    const modelOutput = (await tools.listUsers?.toModelOutput?.({
      toolCallId: "c3",
      input: {},
      output: out,
    })) as {
      type: string;
      value: string;
    };
    expect(modelOutput.type).toBe("text");
    expect(modelOutput.value.startsWith("untrusted_data:\n")).toBe(true);
    const list = (decodeModelText(modelOutput.value) as { untrusted_data: { users: unknown } }).untrusted_data
      .users;
    // A value every row shares (these seeded accounts were all created on one day) is stated once in `same`.
    const table = (Array.isArray(list) ? { rows: list } : list) as {
      rows: Record<string, unknown>[];
      same?: Record<string, unknown>;
    };
    const keys = [...Object.keys(table.rows[0] ?? {}), ...Object.keys(table.same ?? {})];
    expect(keys).toEqual(expect.arrayContaining(["id", "name", "email", "created"]));
    for (const gone of ["first_name", "primary_email", "created_at", "updated_at", "private_metadata"]) {
      expect(keys).not.toContain(gone);
    }
    expect(table.rows).toHaveLength(out.users.length);
    expect(table.rows.map((row) => row.created ?? table.same?.created)).toEqual(
      out.users.map((u) =>
        Number(new Date(u.created_at as number).toISOString().slice(0, 10).replaceAll("-", "")),
      ),
    );
    expect(JSON.stringify(modelOutput)).not.toContain("cus_SECRET_123");
  });

  it("invitations reach the model without ids (revoked by email); the tool's output keeps them", async () => {
    for (const email of ["one@tool-views.test", "two@tool-views.test"])
      await ctx.clerk.invitations.createInvitation({ emailAddress: email, notify: false });
    const { tools } = toolsFor("viewer");
    const input = { query: "tool-views.test" };
    const out = (await tools.listInvitations?.execute?.(input, opts("c7"))) as {
      invitations: { id: string; email_address: string }[];
    };
    expect(out.invitations.map((i) => i.id)).toEqual([
      expect.stringMatching(/^inv_/),
      expect.stringMatching(/^inv_/),
    ]);
    const modelOutput = (await tools.listInvitations?.toModelOutput?.({
      toolCallId: "c7",
      input,
      output: out,
    })) as {
      value: string;
    };
    expect(modelOutput.value).not.toContain("inv_");
    for (const { email_address } of out.invitations) expect(modelOutput.value).toContain(email_address);
  });

  it("an access list reaches the model grouped by the day each identifier was added, without ids; its output keeps them", async () => {
    const { tools } = toolsFor("viewer");
    const out = (await tools.listBlocklistIdentifiers?.execute?.({}, opts("c6"))) as {
      identifiers: { id: string; identifier: string; created_at: number }[];
    };
    expect(out.identifiers.length).toBeGreaterThan(0);
    expect(out.identifiers.every((e) => e.id.startsWith("blid_"))).toBe(true);
    const modelOutput = (await tools.listBlocklistIdentifiers?.toModelOutput?.({
      toolCallId: "c6",
      input: {},
      output: out,
    })) as { value: string };
    expect(modelOutput.value).not.toContain("blid_");
    const view = decodeModelText(modelOutput.value) as {
      untrusted_data: { identifiers: Record<string, string[]> };
    };
    const byDay = Object.fromEntries(
      out.identifiers.map((e) => [
        e.identifier,
        `added_${new Date(e.created_at).toISOString().slice(0, 10).replaceAll("-", "")}`,
      ]),
    );
    for (const [day, identifiers] of Object.entries(view.untrusted_data.identifiers))
      for (const identifier of identifiers) expect(byDay[identifier]).toBe(day);
    expect(Object.values(view.untrusted_data.identifiers).flat().sort()).toEqual(Object.keys(byDay).sort());
  });

  it.each([
    ["countUsers", {}],
    ["listInvitations", { limit: 5 }],
    ["listSessions", { user_id: "USER" }],
  ] as const)("%s returns plain data", async (name, input) => {
    const { tools } = toolsFor("viewer");
    const args = JSON.parse(JSON.stringify(input).replace("USER", userId));
    const out = await tools[name]?.execute?.(args, opts("c4"));
    expect(out).toBeTypeOf("object");
    expect(out).not.toHaveProperty("error");
  });

  it("errors come back in plain words, not as a crash", async () => {
    const { tools } = toolsFor("admin");
    const out = (await tools.getUser?.execute?.({ user_id: "user_missing" }, opts("c5"))) as {
      error: { code: string; message: string };
    };
    expect(out.error.code).toBe("not_found");
    expect(out.error.message).toMatch(/not found/i);
  });
});

describe("write tools", () => {
  it.each(WRITES)("%s only runs through the approval gate", async (name) => {
    const before = lc.requestLog.list().filter((e) => e.method !== "GET").length;
    const { tools } = toolsFor("admin");
    await expect(tools[name]?.execute?.({ user_id: userId }, opts(`w-${name}`))).rejects.toThrow(/Refused/);
    expect(gateCalls).toEqual([name]);
    expect(lc.requestLog.list().filter((e) => e.method !== "GET").length).toBe(before);
  });
});
