import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;
let userId: string;

beforeAll(async () => {
  h = await startTestClerk();
  clerk = sdk(h);
  userId = (
    await clerk.users.createUser({ emailAddress: ["meta@example.org"], publicMetadata: { plan: "free" } })
  ).id;
});
afterAll(() => h.stop());

describe("PATCH /users/{id}/metadata", () => {
  it("deep merges at every level and null deletes a key", async () => {
    await clerk.users.updateUserMetadata(userId, {
      publicMetadata: { nested: { a: 1, b: 2, deep: { x: 1, y: 2 } }, tags: ["a", "b"] },
      privateMetadata: { crm: { id: 7 } },
    });
    const u = await clerk.users.updateUserMetadata(userId, {
      publicMetadata: { nested: { b: null, c: 3, deep: { y: null, z: 3 } }, tags: ["c"], plan: null },
    });
    expect(u.publicMetadata).toEqual({ nested: { a: 1, c: 3, deep: { x: 1, z: 3 } }, tags: ["c"] });
    expect(u.privateMetadata).toEqual({ crm: { id: 7 } });

    const r = await raw(h, "PATCH", `/v1/users/${userId}/metadata`, { unsafe_metadata: { theme: "dark" } });
    expect(r.status).toBe(200);
    assertConforms(r.json, "PATCH", "/users/{user_id}/metadata", 200);
    expect(r.json.public_metadata.nested).toEqual({ a: 1, c: 3, deep: { x: 1, z: 3 } });
    expect(r.json.unsafe_metadata).toEqual({ theme: "dark" });
  });

  it("updateUser with metadata (PATCH + PUT /metadata) replaces instead of merging", async () => {
    const u = await clerk.users.updateUser(userId, { publicMetadata: { only: true }, firstName: "Meta" });
    expect(u.publicMetadata).toEqual({ only: true });
    expect(u.firstName).toBe("Meta");
    expect(u.privateMetadata).toEqual({ crm: { id: 7 } });
  });

  it("refuses a merged object over 8 KB with a Clerk 422 and writes nothing", async () => {
    const before = h.state.users.get(userId)!;
    const err = await clerkErrorOf(
      clerk.users.updateUserMetadata(userId, {
        publicMetadata: { ok: "small" },
        privateMetadata: { blob: "x".repeat(8 * 1024) },
      }),
    );
    expect(err.status).toBe(422);
    expect(err.errors[0]?.meta?.paramName).toBe("private_metadata");
    const after = h.state.users.get(userId)!;
    expect(after.public_metadata).toEqual(before.public_metadata);
    expect(after.updated_at).toBe(before.updated_at);

    // Just under the limit is accepted; the limit is on the merged result, so growing past it fails.
    const fits = await clerk.users.updateUserMetadata(userId, {
      privateMetadata: { blob: "y".repeat(8 * 1024 - 40) },
    });
    expect((fits.privateMetadata.blob as string).length).toBe(8 * 1024 - 40);
    const grow = await clerkErrorOf(
      clerk.users.updateUserMetadata(userId, { privateMetadata: { more: "z".repeat(100) } }),
    );
    expect(grow.status).toBe(422);
  });

  it("rejects non-object metadata with a 422 and unknown users with a 404", async () => {
    const r = await raw(h, "PATCH", `/v1/users/${userId}/metadata`, { public_metadata: "nope" });
    expect(r.status).toBe(422);
    expect(r.json.errors[0].meta.param_name).toBe("public_metadata");
    const missing = await clerkErrorOf(
      clerk.users.updateUserMetadata("user_missing", { publicMetadata: { a: 1 } }),
    );
    expect(missing.status).toBe(404);
  });
});
