import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type AnyAction, parseInput } from "./define-action";
import { actionList, actions, getAction, readActions, writeActions } from "./registry";

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const isAction = (v: unknown): v is AnyAction =>
  typeof v === "object" &&
  v !== null &&
  "kind" in v &&
  (v.kind === "read" || v.kind === "write") &&
  "run" in v &&
  typeof v.run === "function";

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
};

describe("registry", () => {
  it("registers every action defined in lib/clerk/actions, each once, split by its kind", async () => {
    const dir = new URL("./actions/", import.meta.url);
    const defined = new Set<unknown>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.includes(".test."))) {
      const mod: Record<string, unknown> = await import(new URL(file, dir).href);
      for (const value of Object.values(mod)) if (isAction(value)) defined.add(value);
    }
    expect(defined.size).toBeGreaterThan(0);
    expect(new Set(actionList)).toEqual(defined);
    expect(new Set(actionList.map((a) => a.name)).size).toBe(actionList.length);
    expect(readActions).toEqual(actionList.filter((a) => a.kind === "read"));
    expect(writeActions).toEqual(actionList.filter((a) => a.kind === "write"));
    expect(readActions.length + writeActions.length).toBe(actionList.length);
  });

  it("gives each action the kind its verb says: reads list, get, count, search or propose", () => {
    const readVerb = /^(list|get|count|search|propose)[A-Z]/;
    for (const a of readActions) expect(a.name, a.name).toMatch(readVerb);
    for (const a of writeActions) expect(a.name, a.name).not.toMatch(readVerb);
  });

  it("keys every action by its own name, one module per action", () => {
    const files = readdirSync(new URL("./actions", import.meta.url)).filter((f) => !f.includes(".test."));
    for (const [key, action] of Object.entries(actions)) {
      expect(action.name).toBe(key);
      expect(files).toContain(`${kebab(key)}.ts`);
      expect(getAction(key)).toBe(action);
    }
    expect(getAction("toString")).toBeUndefined();
    expect(getAction("dropAllUsers")).toBeUndefined();
  });

  it.each(actionList.map((a) => [a.name, a] as const))(
    "%s converts to a JSON Schema (as the AI SDK and MCP do) with every field described",
    (_name, action) => {
      const schema = z.toJSONSchema(action.input, { io: "input", target: "draft-7" }) as JsonSchema;
      expect(schema.type).toBe("object");
      const props = Object.entries(schema.properties ?? {});
      expect(props.length).toBeGreaterThan(0);
      for (const [field, prop] of props) {
        expect(field).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect(prop.description, `${action.name}.${field} needs .describe()`).toMatch(/\S{3,}/);
      }
      expect(action.description.length).toBeGreaterThan(20);
      expect(action.title.length).toBeGreaterThan(3);
    },
  );

  it("gives every write a target, snapshot and preview", () => {
    for (const w of writeActions) {
      expect(typeof w.target).toBe("function");
      expect(typeof w.snapshot).toBe("function");
      expect(typeof w.preview).toBe("function");
    }
  });
});

function fieldErrorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation_failed");
    return (err as AppError).fieldErrors ?? {};
  }
  throw new Error("expected validation_failed");
}

describe("input validation", () => {
  it("refuses ids that are not Clerk ids, including path tricks", () => {
    for (const user_id of [
      "",
      "123",
      "user_",
      "user_../../invitations",
      "user_abc/revoke",
      "inv_abc",
      "user_a?b",
    ]) {
      expect(fieldErrorsOf(() => parseInput(actions.getUser, { user_id }))).toHaveProperty("user_id");
    }
    expect(parseInput(actions.getUser, { user_id: "user_2abcDEF123" })).toEqual({
      user_id: "user_2abcDEF123",
    });
  });

  it("refuses organization ids, invitation ids and role keys that are not Clerk's", () => {
    for (const organization_id of ["", "org_", "org_../x", "user_abc", "org_a/b"]) {
      expect(fieldErrorsOf(() => parseInput(actions.getOrganization, { organization_id }))).toHaveProperty(
        "organization_id",
      );
    }
    for (const role of ["admin", "org:", "org:Admin", "org:a b", "org:x/../y"]) {
      expect(
        fieldErrorsOf(() =>
          parseInput(actions.addOrganizationMember, { organization_id: "org_1", user_id: "user_1", role }),
        ),
      ).toHaveProperty("role");
    }
    expect(
      fieldErrorsOf(() =>
        parseInput(actions.revokeOrganizationInvitation, {
          organization_id: "org_1",
          invitation_id: "inv_1",
        }),
      ),
    ).toHaveProperty("invitation_id");
    expect(
      fieldErrorsOf(() => parseInput(actions.getOrganization, { organization_id: "org_1", slug: "acme" })),
    ).toHaveProperty("_form");
  });

  it("refuses unknown fields rather than silently ignoring them", () => {
    expect(
      fieldErrorsOf(() => parseInput(actions.banUser, { user_id: "user_1", user_ids: ["user_2"] })),
    ).toHaveProperty("_form");
  });

  it("listUsers: limit 1..500, offset >= 0, known order_by, one email or many", () => {
    expect(fieldErrorsOf(() => parseInput(actions.listUsers, { limit: 0 }))).toHaveProperty("limit");
    expect(fieldErrorsOf(() => parseInput(actions.listUsers, { limit: 501 }))).toHaveProperty("limit");
    expect(fieldErrorsOf(() => parseInput(actions.listUsers, { limit: 2.5 }))).toHaveProperty("limit");
    expect(fieldErrorsOf(() => parseInput(actions.listUsers, { offset: -1 }))).toHaveProperty("offset");
    expect(fieldErrorsOf(() => parseInput(actions.listUsers, { order_by: "password" }))).toHaveProperty(
      "order_by",
    );
    expect(parseInput(actions.listUsers, { limit: 500, order_by: "+last_name" })).toEqual({
      limit: 500,
      order_by: "+last_name",
    });
    expect(parseInput(actions.listUsers, { email_address: " a@b.co " }).email_address).toBe("a@b.co");
    expect(parseInput(actions.listUsers, { email_address: ["a@b.co", "c@d.co"] }).email_address).toEqual([
      "a@b.co",
      "c@d.co",
    ]);
    expect(parseInput(actions.listUsers, undefined)).toEqual({});
  });

  it("updateUserMetadata: needs at least one metadata object; objects only", () => {
    expect(fieldErrorsOf(() => parseInput(actions.updateUserMetadata, { user_id: "user_1" }))).toHaveProperty(
      "_form",
    );
    expect(
      fieldErrorsOf(() =>
        parseInput(actions.updateUserMetadata, { user_id: "user_1", public_metadata: [1, 2] }),
      ),
    ).toHaveProperty("public_metadata");
    expect(
      fieldErrorsOf(() =>
        parseInput(actions.updateUserMetadata, { user_id: "user_1", private_metadata: "x" }),
      ),
    ).toHaveProperty("private_metadata");
    expect(
      parseInput(actions.updateUserMetadata, { user_id: "user_1", unsafe_metadata: { a: null } })
        .unsafe_metadata,
    ).toEqual({ a: null });
  });

  it("createInvitation: email, redirect_url and expiry are checked", () => {
    expect(
      fieldErrorsOf(() => parseInput(actions.createInvitation, { email: "not-an-email" })),
    ).toHaveProperty("email");
    expect(
      fieldErrorsOf(() =>
        parseInput(actions.createInvitation, { email: "a@b.co", redirect_url: "javascript:alert(1)" }),
      ),
    ).toHaveProperty("redirect_url");
    expect(
      fieldErrorsOf(() => parseInput(actions.createInvitation, { email: "a@b.co", expires_in_days: 0 })),
    ).toHaveProperty("expires_in_days");
    expect(parseInput(actions.createInvitation, { email: "a@b.co", redirect_url: "/welcome" })).toEqual({
      email: "a@b.co",
      redirect_url: "/welcome",
    });
  });

  it("previews are pure: metadata merge, flags, revocations", () => {
    const snap = {
      public_metadata: { plan: "free", n: { a: 1 } },
      private_metadata: {},
      unsafe_metadata: {},
      updated_at: 1,
    };
    const input = parseInput(actions.updateUserMetadata, {
      user_id: "user_1",
      public_metadata: { plan: "pro", n: { a: null } },
    });
    expect(actions.updateUserMetadata.preview(input, snap)).toEqual({
      public_metadata: { plan: "pro", n: {} },
    });
    expect(actions.updateUserMetadata.checks?.(input, snap)).toEqual([
      { id: "public_metadata.size", ok: true, message: expect.stringContaining("of 8192 bytes") },
    ]);
    expect(
      actions.banUser.preview({ user_id: "user_1" }, { banned: false, locked: false, updated_at: 1 }),
    ).toEqual({
      banned: true,
    });
    expect(
      actions.unlockUser.checks?.({ user_id: "user_1" }, { banned: false, locked: false, updated_at: 1 })[0]
        ?.ok,
    ).toBe(false);
  });
});
