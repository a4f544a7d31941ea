import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Page } from "@playwright/test";
import { stableHash } from "../lib/clerk/stable-hash";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser, publicMetadataOf } from "./support/local-clerk";
import { callServerAction, serverActionId } from "./support/server-actions";

// The approvals inbox in the browser: batch approval of MCP proposals, the nav badge, and a viewer who
// sees the cards but cannot decide.

async function signInAs(page: Page, role: "admin" | "viewer", path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, role, path);
}

async function proposeToken(page: Page): Promise<string> {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create an access token" });
  await form.getByLabel("Name").fill(`inbox ${uniq()}`);
  await form.getByLabel("Scope").selectOption("read+propose");
  await form.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-token").textContent())?.trim() ?? "";
}

/** Proposes writes as an MCP client would; returns their approval ids. */
async function proposeOverMcp(
  baseURL: string,
  token: string,
  calls: { name: string; arguments: Record<string, unknown> }[],
): Promise<string[]> {
  const client = new Client({ name: "e2e-inbox", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  try {
    const ids: string[] = [];
    for (const call of calls) {
      const r = await client.callTool(call);
      ids.push(String((r.structuredContent as { approval_id: string }).approval_id));
    }
    return ids;
  } finally {
    await client.close();
  }
}

const proposePlans = (baseURL: string, token: string, plans: [string, string][]) =>
  proposeOverMcp(
    baseURL,
    token,
    plans.map(([userId, plan]) => ({
      name: "updateUserMetadata",
      arguments: { user_id: userId, public_metadata: { plan } },
    })),
  );

const item = (page: Page, id: string) => page.locator(`[data-testid=inbox-item][data-approval-id="${id}"]`);

test.describe("approvals inbox", () => {
  test("admin approves two MCP proposals in one batch; the badge counts pending items", async ({
    page,
    baseURL,
  }) => {
    const [a, b] = await Promise.all([
      createUser({ label: `inboxa${uniq()}` }),
      createUser({ label: `inboxb${uniq()}` }),
    ]);
    if (!a || !b) throw new Error("users not created");
    const value = `batch${uniq()}`;
    await signInAs(page, "admin", "/settings/tokens");
    const ids = await proposePlans(baseURL ?? "", await proposeToken(page), [
      [a.id, value],
      [b.id, value],
    ]);

    await page.goto("/approvals");
    const badge = page.getByRole("navigation", { name: "Console" }).getByTestId("approvals-pending-count");
    await expect(badge).toBeVisible();
    expect(Number.parseInt((await badge.textContent()) ?? "0", 10)).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      await expect(item(page, id).getByTestId("metadata-diff")).toContainText(
        `public_metadata.plan: "${value}"`,
      );
      await item(page, id).getByRole("checkbox").check();
    }
    await page.getByRole("button", { name: "Approve selected (2)" }).click();
    for (const id of ids)
      await expect(item(page, id).getByTestId("inbox-outcome")).toHaveText("Approved and applied.");
    for (const user of [a, b]) {
      expect((await publicMetadataOf(user.id)).plan).toBe(value);
    }
    await page.reload();
    for (const id of ids) await expect(item(page, id)).toHaveCount(0);
    await expect(
      page.getByTestId("decided-approvals").locator(`[data-approval-id="${ids[0]}"]`),
    ).toContainText("executed");
  });

  test("a viewer sees pending cards but no decision buttons, and may create read tokens only", async ({
    browser,
    baseURL,
  }) => {
    const target = await createUser({ label: `inboxv${uniq()}` });
    const adminPage = await (await browser.newContext()).newPage();
    await signInAs(adminPage, "admin", "/settings/tokens");
    const [id] = await proposePlans(baseURL ?? "", await proposeToken(adminPage), [
      [target.id, `v${uniq()}`],
    ]);
    await adminPage.context().close();

    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "viewer", "/approvals");
    const card = item(page, id ?? "");
    await expect(card.getByTestId("approval-card")).toBeVisible();
    await expect(card.getByText("Only admins can approve or deny changes.")).toBeVisible();
    await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Approve selected/ })).toHaveCount(0);

    await page.goto("/settings/tokens");
    const scope = page.getByRole("form", { name: "Create an access token" }).getByLabel("Scope");
    await expect(scope.locator("option")).toHaveText([/^read —/]);
    expect((await publicMetadataOf(target.id)).plan).toBeUndefined();
    await page.context().close();
  });

  test("a delete proposed over MCP: approved in the inbox only after typing the email, and the server checks it", async ({
    page,
    baseURL,
  }) => {
    const target = await createUser({ label: `inboxdel${uniq()}` });
    await signInAs(page, "admin", "/settings/tokens");
    const [id = ""] = await proposeOverMcp(baseURL ?? "", await proposeToken(page), [
      { name: "deleteUser", arguments: { user_id: target.id } },
    ]);

    // A hand-made request that skips the typed email (or types another) is refused; nothing is deleted.
    const decide = serverActionId("lib/actions/approvals.ts", "decideApprovalsAction");
    const argsHash = stableHash({ user_id: target.id });
    for (const typed of [undefined, `x${target.email}`]) {
      const { result } = await callServerAction(page.request, {
        pagePath: "/approvals",
        actionId: decide,
        args: [
          { decisions: [{ approvalId: id, approved: true, argsHash, ...(typed ? { confirm: typed } : {}) }] },
        ],
        origin: baseURL ?? "",
      });
      expect(result).toMatchObject({ ok: true, data: [{ ok: false, code: "confirmation_required" }] });
    }
    await bapi("GET", `/v1/users/${target.id}`);

    await page.goto("/approvals");
    const card = item(page, id);
    await expect(card.getByTestId("approval-target")).toContainText(target.email);
    // Not in the batch selection; its own Approve waits for the email.
    await expect(card.getByRole("checkbox")).toHaveCount(0);
    const approve = card.getByRole("button", { name: "Approve" });
    await expect(approve).toBeDisabled();
    await card.getByTestId("approval-typed-confirm").fill(`x${target.email}`);
    await expect(approve).toBeDisabled();
    await card.getByTestId("approval-typed-confirm").fill(target.email);
    await approve.click();
    await expect(card.getByTestId("inbox-outcome")).toHaveText("Approved and applied.");
    await expect(bapi("GET", `/v1/users/${target.id}`)).rejects.toThrow(/404/);
  });
});
