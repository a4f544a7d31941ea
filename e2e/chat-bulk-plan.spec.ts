import { ask } from "./support/chat";
import { csvRecords } from "./support/csv";
import { expect, signInAs, test } from "./support/fixtures";
import { bapi } from "./support/local-clerk";

// Issue 16 from the chat: "how many users are on the pro plan?" answers Local Clerk's own count, and
// "set plan=pro for everyone at acme.com" becomes ONE plan card, approved once, after which every
// target is written exactly once (Local Clerk's request log and state) with one ok audit entry each.

type BapiUser = {
  id: string;
  primary_email_address_id: string | null;
  email_addresses: { id: string; email_address: string }[];
  public_metadata: Record<string, unknown>;
};
type LoggedRequest = { seq: number; method: string; path: string; status: number };

async function allUsers(): Promise<BapiUser[]> {
  const users: BapiUser[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await bapi<BapiUser[]>("GET", `/v1/users?limit=500&offset=${offset}&order_by=-created_at`);
    users.push(...page);
    if (page.length < 500) return users;
  }
}

const primaryEmail = (u: BapiUser) =>
  u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? "";
const atAcme = (u: BapiUser) => /[@.]acme\.com$/i.test(primaryEmail(u));
const isPro = (u: BapiUser) => String(u.public_metadata.plan ?? "").toLowerCase() === "pro";

async function metadataWrites(since: number): Promise<LoggedRequest[]> {
  const { data } = await bapi<{ data: LoggedRequest[] }>(
    "GET",
    `/__local_clerk/requests?method=PATCH&path_prefix=/v1/users/&since=${since}`,
  );
  return data.filter((r) => r.path.endsWith("/metadata"));
}

test("count the pro plan, then one bulk plan for acme.com: approved once, every target written once", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const before = await allUsers();
  const proCount = before.filter(isPro).length;
  const acme = before.filter(atAcme);
  const toChange = acme.filter((u) => !isPro(u)).map((u) => u.id);
  const upToDate = acme.filter(isPro).map((u) => u.id);
  // The seed has acme.com users on several plans (jane, john and priya are on free).
  expect(toChange.length).toBeGreaterThan(3);
  const startedAt = new Date().toISOString();
  const lastPatch = (await metadataWrites(0)).at(-1)?.seq ?? 0;

  await signInAs(page, "admin", "/chat");
  await ask(page, "how many users are on the pro plan?");
  // The first metadata search builds the index from Clerk (a full resync) before it answers.
  await expect(page.getByTestId("assistant-message").last()).toContainText(
    new RegExp(`There (is|are) ${proCount} users? `),
    { timeout: 90_000 },
  );

  await ask(page, "set plan=pro for everyone at acme.com");
  const card = page.getByTestId("bulk-plan-card");
  await expect(card).toHaveCount(1, { timeout: 90_000 });
  await expect(card).toHaveAttribute("data-state", "pending");
  await expect(card.getByTestId("bulk-plan-count")).toHaveText(`${toChange.length} users`);
  await expect(card.getByTestId("bulk-plan-excluded")).toContainText(`${upToDate.length} already up to date`);
  await expect(card.getByTestId("bulk-plan-pace")).toContainText(/\d+ Clerk requests \/ 10 s/);
  await expect(card.getByTestId("bulk-plan-eta")).toContainText(/about \d+ (s|min)/);
  const sample = card.getByTestId("bulk-plan-sample").locator("li");
  await expect(sample).toHaveCount(3);
  for (const line of await sample.allTextContents()) {
    expect(line).toMatch(/@acme\.com: public_metadata\.plan: .* → "pro"/);
  }
  // One plan, not a card per user; nothing written before the approval.
  await expect(page.getByTestId("approval-card")).toHaveCount(0);
  await expect(page.getByTestId("assistant-message").last()).toContainText("one bulk job");
  // (Other specs may write other users' metadata meanwhile: only the plan's users count here.)
  const acmeIds = new Set(acme.map((u) => u.id));
  const toAcme = (await metadataWrites(lastPatch)).filter((r) => acmeIds.has(r.path.split("/")[3] ?? ""));
  expect(toAcme).toEqual([]);

  await card.getByTestId("bulk-plan-approve").click();
  await expect(card).toHaveAttribute("data-state", "approved");
  await expect(card.getByTestId("bulk-plan-approve")).toHaveCount(0);
  const jobId = (await card.getAttribute("data-job-id")) ?? "";

  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", {
    timeout: 150_000,
  });
  await expect(page.locator('[data-testid="job-target"][data-status="ok"]')).toHaveCount(toChange.length);

  // Local Clerk: every acme.com user is on pro; each target got exactly one write, the others none.
  const after = new Map((await allUsers()).map((u) => [u.id, u]));
  for (const u of acme) expect(after.get(u.id)?.public_metadata.plan).toBe("pro");
  const writes = (await metadataWrites(lastPatch)).map((r) => r.path.split("/")[3]);
  for (const id of toChange) expect(writes.filter((w) => w === id)).toHaveLength(1);
  for (const id of upToDate) expect(writes).not.toContain(id);

  // The audit log: one ok entry per target, under the plan's one approval.
  const csv = await page.request.get(
    `/api/audit/export?action=updateUserMetadata&source=bulk&from=${encodeURIComponent(startedAt.slice(0, 19))}`,
  );
  expect(csv.status()).toBe(200);
  const rows = csvRecords(await csv.text()).filter((r) => toChange.includes(r.target_id ?? ""));
  expect(rows).toHaveLength(toChange.length);
  expect(new Set(rows.map((r) => r.target_id)).size).toBe(toChange.length);
  expect(rows.every((r) => r.outcome === "ok")).toBe(true);
  expect(new Set(rows.map((r) => r.approval_id)).size).toBe(1);
});
