import type { Page } from "@playwright/test";
import { ask } from "./support/chat";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// The organization flow through the assistant (built-in offline model) against Local Clerk: reads
// answer directly, each membership change waits for its approval card, and 30 invitations become ONE
// bulk plan card, approved once. Every outcome is checked through the BAPI.

async function signInAs(page: Page, path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, "admin", path);
}

async function approveOnly(page: Page, tool: string) {
  const card = page.locator('[data-testid="approval-card"][data-state="pending"]');
  await expect(card).toHaveCount(1, { timeout: 60_000 });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`Approved and applied: ${tool}`).last()).toBeVisible({ timeout: 60_000 });
}

type Membership = { role: string; public_user_data: { user_id: string } };
const roleOf = async (orgId: string, userId: string) =>
  (await bapi<{ data: Membership[] }>("GET", `/v1/organizations/${orgId}/memberships?limit=100`)).data.find(
    (m) => m.public_user_data.user_id === userId,
  )?.role;

test("the chat: admins of an organization, add a member, make them admin, invite 30 in one plan, no-admin list", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const tag = uniq();
  const name = `Chatorg ${tag}`;
  const [admin] = (await bapi<{ id: string }[]>("GET", "/v1/users?email_address=admin@example.com")) ?? [];
  const org = await bapi<{ id: string }>("POST", "/v1/organizations", {
    name,
    slug: `chatorg-${tag}`,
    created_by: admin?.id,
  });
  const headless = `Headless ${tag}`;
  await bapi("POST", "/v1/organizations", { name: headless, slug: `headless-${tag}` });
  const alice = await createUser({ label: "chatorgalice" });
  await signInAs(page, "/chat");

  await ask(page, `who are the admins of ${name}?`);
  await expect(page.getByText(`has 1 admin`).last()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("admin@example.com").last()).toBeVisible();

  await ask(page, `add ${alice.email} to ${name} as a member`);
  expect(await roleOf(org.id, alice.id)).toBeUndefined();
  await approveOnly(page, "addOrganizationMember");
  expect(await roleOf(org.id, alice.id)).toBe("org:member");

  await ask(page, `make ${alice.email} an admin of ${name}`);
  await approveOnly(page, "updateOrganizationMemberRole");
  expect(await roleOf(org.id, alice.id)).toBe("org:admin");

  const emails = Array.from({ length: 30 }, (_, i) => `chatorg-${tag}-${i}@example.org`);
  await ask(page, `invite these 30 emails to ${name}: ${emails.join(", ")}`);
  const plan = page.getByTestId("bulk-plan-card").last();
  await expect(plan.getByTestId("bulk-plan-count")).toHaveText("30 invitations", { timeout: 120_000 });
  await expect(page.locator('[data-testid="approval-card"][data-state="pending"]')).toHaveCount(0);
  const pendingInvites = async () =>
    (
      await bapi<{ data: { email_address: string }[] }>(
        "GET",
        `/v1/organizations/${org.id}/invitations?status=pending&limit=100`,
      )
    ).data.map((i) => i.email_address);
  expect(await pendingInvites()).toEqual([]);

  await ask(page, "which organizations have no admin?");
  await expect(page.getByText(headless).last()).toBeVisible({ timeout: 60_000 });

  await plan.getByTestId("bulk-plan-approve").click();
  await expect(plan).toHaveAttribute("data-state", "approved", { timeout: 60_000 });
  await plan.getByRole("link", { name: "Follow the job" }).click();
  await expect(page).toHaveURL(/\/jobs\/job_[0-9a-f]{32}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-target")).toHaveCount(30);
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", {
    timeout: 180_000,
  });
  expect((await pendingInvites()).sort()).toEqual([...emails].sort());
});

test("the chat: create an organization, set its metadata, add and remove a member, delete it, each after its approval card", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const tag = uniq();
  const name = `Lifeorg ${tag}`;
  const bob = await createUser({ label: "lifeorgbob" });
  const orgNamed = async () =>
    (
      await bapi<{ data: { id: string; name: string; public_metadata: Record<string, unknown> }[] }>(
        "GET",
        `/v1/organizations?query=${encodeURIComponent(tag)}&limit=10`,
      )
    ).data.find((o) => o.name === name);
  await signInAs(page, "/chat");

  await ask(page, `create an organization called ${name}`);
  await expect(page.locator('[data-testid="approval-card"][data-state="pending"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  expect(await orgNamed()).toBeUndefined();
  await approveOnly(page, "createOrganization");
  const org = await orgNamed();
  expect(org).toBeDefined();
  const orgId = org?.id ?? "";

  await ask(page, `set tier=gold on the organization ${name}`);
  await approveOnly(page, "updateOrganizationMetadata");
  expect((await orgNamed())?.public_metadata).toMatchObject({ tier: "gold" });

  await ask(page, `add ${bob.email} to ${name} as a member`);
  await approveOnly(page, "addOrganizationMember");
  expect(await roleOf(orgId, bob.id)).toBe("org:member");

  await ask(page, `remove ${bob.email} from ${name}`);
  await approveOnly(page, "removeOrganizationMember");
  expect(await roleOf(orgId, bob.id)).toBeUndefined();

  await ask(page, `delete the organization ${name}`);
  expect(await orgNamed()).toBeDefined();
  await approveOnly(page, "deleteOrganization");
  expect(await orgNamed()).toBeUndefined();
});
