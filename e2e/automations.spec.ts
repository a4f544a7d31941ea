import type { Page } from "@playwright/test";
import { ask } from "./support/chat";
import { csvRecords } from "./support/csv";
import { expect, signInAs, test } from "./support/fixtures";
import { bapi, publicMetadataOf } from "./support/local-clerk";

// Issue 18 automations, end to end with Local Clerk's real webhooks: a rule created from the chat
// (approval card with its dry run), a standing approval of 3 writes per hour, then 4 matching sign-ups:
// 3 applied, the 4th waits in the inbox; a webhook delivered 5 times applies once; an edit revokes the
// standing approval; the kill switch stops firing; every write is audited with its rule and event ids.

type LoggedRequest = { seq: number; method: string; path: string };

const stamp = Date.now().toString(36);
const email = (i: number) => `auto-${stamp}-${i}@acme.com`;

async function signUp(i: number): Promise<string> {
  const user = await bapi<{ id: string }>("POST", "/v1/users", { email_address: [email(i)] });
  return user.id;
}

async function metadataWrites(userId: string): Promise<LoggedRequest[]> {
  const { data } = await bapi<{ data: LoggedRequest[] }>(
    "GET",
    `/__local_clerk/requests?method=PATCH&path_prefix=/v1/users/${userId}/metadata`,
  );
  return data;
}

/** The rule page's history rows with this status, after reloading until there are `n`. */
async function expectFirings(page: Page, ruleId: string, status: string, n: number) {
  await expect
    .poll(
      async () => {
        await page.goto(`/automations/${ruleId}`);
        return page.locator(`[data-testid="firing-row"][data-status="${status}"]`).count();
      },
      { timeout: 90_000, intervals: [1_000, 2_000] },
    )
    .toBe(n);
}

test("a rule from the chat, a standing approval of 3/hour, 4 sign-ups, redelivery, edit, kill switch, audit", async ({
  page,
}) => {
  test.setTimeout(360_000);
  const startedAt = new Date().toISOString();
  await signInAs(page, "admin", "/chat");
  await ask(page, "when someone from acme.com signs up, set company=Acme and plan=enterprise");

  const card = page.getByTestId("automation-card");
  await expect(card).toHaveCount(1, { timeout: 90_000 });
  await expect(card.getByTestId("automation-actions")).toContainText('"company": "Acme"');
  await expect(card.getByTestId("automation-dry-run")).toContainText(
    /Dry run: matched \d+ of the last \d+ events/,
  );
  await expect(card.getByTestId("automation-bounds")).toContainText(
    /updateUserMetadata on metadata keys (company, plan|plan, company)/,
  );
  const ruleId = (await card.getAttribute("data-rule-id")) ?? "";
  expect(ruleId).toMatch(/^rule_/);
  await card.getByTestId("automation-per-hour").fill("3");
  await card.getByTestId("automation-approve-standing").click();
  await expect(card).toHaveAttribute("data-state", "standing");

  try {
    await page.goto(`/automations/${ruleId}`);
    await expect(page.getByTestId("rule-state")).toHaveText("Enabled");
    await expect(page.getByTestId("standing-state")).toHaveText("Standing approval active");
    await expect(page.getByTestId("standing-bounds")).toContainText("At most 3 writes per hour");

    // 4 matching sign-ups: the first 3 are applied under the standing approval, the 4th goes to the inbox.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await signUp(i));
    await expectFirings(page, ruleId, "applied", 3);
    await expectFirings(page, ruleId, "proposed", 1);
    const metadata = await Promise.all(ids.map(publicMetadataOf));
    expect(metadata.filter((m) => m.company === "Acme" && m.plan === "enterprise")).toHaveLength(3);
    const waiting = ids[metadata.findIndex((m) => m.company === undefined)] ?? "";
    expect(waiting).not.toBe("");
    await expect(page.locator('[data-testid="firing-row"][data-status="proposed"]')).toContainText(
      "3 writes per hour",
    );
    await page.goto("/approvals");
    await expect(page.getByText(email(ids.indexOf(waiting))).first()).toBeVisible({ timeout: 30_000 });

    // The same webhook delivered 5 times (Local Clerk resends it with the same svix-id) applies once.
    const applied = ids.find((id) => id !== waiting) ?? "";
    await page.goto(`/automations/${ruleId}`);
    const row = page.locator('[data-testid="firing-row"]', { hasText: email(ids.indexOf(applied)) });
    const svixId = (await row.getAttribute("data-svix-id")) ?? "";
    expect(svixId).toMatch(/^msg_/);
    expect(await metadataWrites(applied)).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      const resent = await bapi<{ lastStatus: number }>(
        "POST",
        `/__local_clerk/webhooks/${svixId}/redeliver`,
      );
      expect(resent.lastStatus).toBe(200);
    }
    await page.reload();
    await expect(page.locator(`[data-testid="firing-row"][data-svix-id="${svixId}"]`)).toHaveCount(1);
    expect(await metadataWrites(applied)).toHaveLength(1);

    // Every applied firing is in the audit log with its rule and event ids.
    const csv = await page.request.get(
      `/api/audit/export?source=automation&from=${encodeURIComponent(startedAt.slice(0, 19))}`,
    );
    expect(csv.status()).toBe(200);
    const rows = csvRecords(await csv.text()).filter((r) => r.rule_id === ruleId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.outcome === "ok" && /^msg_/.test(r.event_id ?? ""))).toBe(true);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(3);
    await page.goto(`/audit?source=automation&target=${applied}`);
    await expect(page.getByTestId("audit-rule").first()).toHaveText(ruleId);
    await expect(page.getByTestId("audit-event").first()).toHaveText(svixId);

    // An edit of the rule revokes its standing approval.
    await page.goto(`/automations/${ruleId}`);
    const editor = page.getByTestId("rule-definition");
    const text = await editor.inputValue();
    await editor.fill(text.replace(/"name": "([^"]+)"/, '"name": "$1 (edited)"'));
    await page.getByTestId("rule-save").click();
    await expect(page.getByTestId("standing-state")).toHaveText("Revoked", { timeout: 30_000 });
    await expect(page.getByTestId("standing-approval")).toContainText("the rule changed");

    // The kill switch stops firing: a matching sign-up while paused is skipped and writes nothing.
    await page.goto("/automations");
    await page.getByTestId("kill-switch").click();
    await expect(page.getByTestId("automations-state")).toHaveText("Paused");
    const paused = await signUp(5);
    await expectFirings(page, ruleId, "skipped", 1);
    expect(await metadataWrites(paused)).toHaveLength(0);
    expect(await publicMetadataOf(paused)).toEqual({});
  } finally {
    await page.goto("/automations");
    if ((await page.getByTestId("automations-state").textContent()) === "Paused") {
      await page.getByTestId("kill-switch").click();
      await expect(page.getByTestId("automations-state")).toHaveText("Running");
    }
    // Other specs sign up acme.com users too: the rule does not outlive this test.
    await page.goto(`/automations/${ruleId}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete rule" }).click();
    await expect(page).toHaveURL(/\/automations$/, { timeout: 30_000 });
  }
});
