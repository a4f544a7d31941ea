// Bulk jobs over organizations: organization invitations, membership changes and organization metadata,
// planned against a real Local Clerk and a real store, then each target written through the write
// executor the way a job's runner does (re-read under the target's lock, bound to the planned state).
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkAction } from "@/lib/jobs/planner";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, failure, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { bulkProposerFor, seededAdmin } from "@/test/support/jobs";
import { type BulkJobTargetRow, bulkJobs, bulkJobTargets } from "../db/schema";
import type { BulkJobInput } from "./bulk-tool";

let fx: ClerkFixture;
let tdb: TestDatabase;

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 40 }), createTestDatabase("pglite")]);
});
afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

const uniq = () => Math.random().toString(36).slice(2, 8);

async function org(name: string, max = 0): Promise<string> {
  const admin = seededAdmin(fx.lc).userId;
  const created = await fx.ctx.clerk.organizations.createOrganization({
    name,
    createdBy: admin,
    maxAllowedMemberships: max,
  });
  return created.id;
}

async function plan(input: BulkJobInput) {
  const job = await bulkProposerFor(tdb.db, fx.ctx)(input, {
    userId: seededAdmin(fx.lc).userId,
    source: "agent",
  });
  const targets = await tdb.db
    .select()
    .from(bulkJobTargets)
    .where(eq(bulkJobTargets.jobId, job.jobId))
    .orderBy(asc(bulkJobTargets.seq));
  return { job, targets };
}

/** What the runner does per pending target: the executor re-reads under the lock and writes once. */
async function runTargets(action: string, targets: BulkJobTargetRow[]) {
  const write = bulkAction(action);
  const outcomes: string[] = [];
  for (const t of targets.filter((x) => x.status === "pending")) {
    try {
      await executeWrite({
        db: tdb.db,
        ctx: fx.ctx,
        action: write,
        input: t.args,
        actor: { userId: seededAdmin(fx.lc).userId, email: null },
        source: "bulk",
        decided: { approvalId: null, approverUserId: null },
        expectedSnapshot: t.before,
        targetLabel: t.targetLabel,
      });
      outcomes.push("ok");
    } catch (err) {
      outcomes.push((err as { code?: string }).code ?? "error");
    }
  }
  return outcomes;
}

const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");

describe("bulk organization invitations", () => {
  it("30 emails to one organization: one plan, a member and an already-invited email excluded, 28 invited", async () => {
    const id = await org(`Globex Bulk ${uniq()}`);
    const tag = uniq();
    const emails = Array.from({ length: 30 }, (_, i) => `invitee${i}-${tag}@globex.test`);
    const member = fx.lc.state.users.findByEmail("viewer@example.com");
    await fx.ctx.clerk.organizations.createOrganizationMembership({
      organizationId: id,
      userId: member?.id ?? "",
      role: "org:member",
    });
    emails[5] = "viewer@example.com";
    await fx.ctx.clerk.organizations.createOrganizationInvitation({
      organizationId: id,
      emailAddress: emails[7] as string,
      role: "org:member",
    });
    const seq = fx.mark();
    const { job, targets } = await plan({
      action: "createOrganizationInvitation",
      organization_id: id,
      emails,
    });
    expect(writesSince(seq)).toEqual([]);
    expect(job.total).toBe(30);
    expect(job.skipped).toBe(2);
    expect(targets.filter((t) => t.status === "skipped").map((t) => t.targetLabel)).toEqual([
      "viewer@example.com",
      emails[7],
    ]);
    expect(targets[0]?.targetLabel).toBe(emails[0]);
    expect(targets[0]?.targetId).toBe(`${id}:${emails[0]}`);

    // Every earlier invitation moves the organization's counters; the later targets still match their plan.
    expect(await runTargets("createOrganizationInvitation", targets)).toEqual(Array(28).fill("ok"));
    const pending = await fx.ctx.clerk.organizations.getOrganizationInvitationList({
      organizationId: id,
      status: ["pending"],
      limit: 100,
    });
    expect(pending.data.map((i) => i.emailAddress).sort()).toEqual(
      emails.filter((e) => e !== "viewer@example.com").sort(),
    );
    // Running the same targets again changes nothing: each is now refused as changed since the plan.
    const again = await runTargets("createOrganizationInvitation", targets);
    expect(new Set(again)).toEqual(new Set(["conflict"]));
  });

  it("more emails than seats: the targets beyond the organization's limit are excluded at planning", async () => {
    const id = await org(`Tiny ${uniq()}`, 3);
    const tag = uniq();
    const emails = [1, 2, 3, 4].map((i) => `seat${i}-${tag}@tiny.test`);
    const { job, targets } = await plan({
      action: "createOrganizationInvitation",
      organization_id: id,
      emails,
    });
    // The creator holds one of the 3 seats.
    expect(job.skipped).toBe(2);
    const excluded = targets.filter((t) => t.status === "skipped");
    expect(excluded.map((t) => t.targetLabel)).toEqual([emails[2], emails[3]]);
    expect(excluded[0]?.errorMessage).toContain("The organization is full");
    expect(await runTargets("createOrganizationInvitation", targets)).toEqual(["ok", "ok"]);
  });

  it("an unknown role or organization, or no emails: a clear error, no job, nothing written", async () => {
    const id = await org(`Roles ${uniq()}`);
    const seq = fx.mark();
    const jobsBefore = (await tdb.db.select().from(bulkJobs)).length;
    const unknownRole = await failure(
      plan({
        action: "createOrganizationInvitation",
        organization_id: id,
        emails: ["a@x.test"],
        role: "org:owner",
      }),
    );
    expect(unknownRole.code).toBe("validation_failed");
    expect(unknownRole.message).toContain("Unknown organization role org:owner");
    const noOrg = await failure(
      plan({
        action: "createOrganizationInvitation",
        organization_id: "org_missing000",
        emails: ["a@x.test"],
      }),
    );
    expect(noOrg.code).toBe("not_found");
    const noEmails = await failure(plan({ action: "createOrganizationInvitation", organization_id: id }));
    expect(noEmails.fieldErrors?.emails).toBeDefined();
    const twice = await failure(
      plan({ action: "createOrganizationInvitation", organization_id: id, emails: ["a@x.test", "A@x.test"] }),
    );
    expect(twice.message).toContain("appears twice");
    expect((await tdb.db.select().from(bulkJobs)).length).toBe(jobsBefore);
    expect(writesSince(seq)).toEqual([]);
  });
});

describe("bulk membership changes", () => {
  it("add five users, make them admins, remove them: one plan each, labelled by email", async () => {
    const id = await org(`Members ${uniq()}`);
    const users = [...fx.lc.state.users.all()].slice(10, 15);
    const userIds = users.map((u) => u.id);
    const added = await plan({ action: "addOrganizationMember", organization_id: id, user_ids: userIds });
    expect(added.targets.map((t) => t.targetLabel)).toEqual(users.map((u) => u.emails[0]?.email_address));
    expect(await runTargets("addOrganizationMember", added.targets)).toEqual(Array(5).fill("ok"));
    for (const u of users)
      expect(fx.lc.state.organizations.memberships.get(id, u.id)?.role).toBe("org:member");

    const promoted = await plan({
      action: "updateOrganizationMemberRole",
      organization_id: id,
      user_ids: userIds,
      role: "org:admin",
    });
    expect(promoted.targets[0]?.after).toMatchObject({ changes: [{ path: "role", after: "org:admin" }] });
    expect(await runTargets("updateOrganizationMemberRole", promoted.targets)).toEqual(Array(5).fill("ok"));
    for (const u of users)
      expect(fx.lc.state.organizations.memberships.get(id, u.id)?.role).toBe("org:admin");

    const removed = await plan({
      action: "removeOrganizationMember",
      organization_id: id,
      user_ids: userIds,
    });
    expect(await runTargets("removeOrganizationMember", removed.targets)).toEqual(Array(5).fill("ok"));
    for (const u of users) expect(fx.lc.state.organizations.memberships.get(id, u.id)).toBeFalsy();
  });

  it("adding a user who is already a member excludes that target only", async () => {
    const id = await org(`Again ${uniq()}`);
    const [a, b] = [...fx.lc.state.users.all()].slice(20, 22);
    await fx.ctx.clerk.organizations.createOrganizationMembership({
      organizationId: id,
      userId: a?.id ?? "",
      role: "org:member",
    });
    const { targets } = await plan({
      action: "addOrganizationMember",
      organization_id: id,
      user_ids: [a?.id ?? "", b?.id ?? ""],
    });
    expect(targets.map((t) => t.status)).toEqual(["skipped", "pending"]);
    expect(targets[0]?.errorMessage).toContain("already a member");
  });
});

describe("bad input to organization bulk jobs", () => {
  it("members beyond the limit and unknown users are excluded at planning; only the rest run", async () => {
    const id = await org(`Seats ${uniq()}`, 3);
    const users = [...fx.lc.state.users.all()].slice(25, 28).map((u) => u.id);
    const { targets } = await plan({
      action: "addOrganizationMember",
      organization_id: id,
      user_ids: [...users, "user_2doesNotExist000000000000"],
    });
    expect(targets.map((t) => t.status)).toEqual(["pending", "pending", "skipped", "skipped"]);
    expect(targets[2]?.errorMessage).toContain("The organization is full");
    expect(targets[3]?.errorMessage).toContain("No user user_2doesNotExist");
    expect(await runTargets("addOrganizationMember", targets)).toEqual(["ok", "ok"]);
    expect(fx.lc.state.organizations.memberships.count(id)).toBe(3);
  });

  it.each([
    [
      "a malformed organization id",
      { organization_id: "org_x;drop", emails: ["a@x.test"] },
      "organization_id",
    ],
    [
      "a role without the org: prefix",
      { organization_id: "org_abc", emails: ["a@x.test"], role: "admin" },
      "role",
    ],
    ["a hostile email", { organization_id: "org_abc", emails: ["<script>@x"] }, "emails"],
    ["an unknown action", { action: "deleteOrganization", organization_id: "org_abc" }, "action"],
  ])("%s is refused before any read", async (_label, input, field) => {
    const seq = fx.mark();
    const e = await failure(plan({ action: "createOrganizationInvitation", ...input } as BulkJobInput));
    expect(e.code).toBe("validation_failed");
    expect(Object.keys(e.fieldErrors ?? {}).join(" ")).toContain(field);
    expect(fx.requestsSince(seq)).toEqual([]);
  });
});

describe("bulk organization metadata", () => {
  it("merges public metadata into each organization; an organization already up to date is excluded", async () => {
    const [a, b] = await Promise.all([org(`Meta A ${uniq()}`), org(`Meta B ${uniq()}`)]);
    await fx.ctx.clerk.organizations.updateOrganizationMetadata(b, { publicMetadata: { tier: "gold" } });
    const { targets } = await plan({
      action: "updateOrganizationMetadata",
      organization_ids: [a, b],
      public_metadata: { tier: "gold" },
    });
    expect(targets.map((t) => [t.targetId, t.status])).toEqual([
      [a, "pending"],
      [b, "skipped"],
    ]);
    expect(await runTargets("updateOrganizationMetadata", targets)).toEqual(["ok"]);
    expect((await fx.ctx.clerk.organizations.getOrganization({ organizationId: a })).publicMetadata).toEqual({
      tier: "gold",
    });
  });
});
