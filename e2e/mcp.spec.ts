import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser, publicMetadataOf } from "./support/local-clerk";

// An outside agent over MCP against the running app: a token made in the console, reads that answer
// directly, a write that waits in /approvals until an admin approves it in the browser.

/** ClerkJS loads cold in each new browser context; on a busy machine that can outlast the page object's wait. */
async function signInAs(page: import("@playwright/test").Page, role: "admin", path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, role, path);
}

async function mcpClient(baseURL: string, token: string): Promise<Client> {
  const client = new Client({ name: "e2e-mcp", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

async function createToken(
  page: import("@playwright/test").Page,
  name: string,
  scope: "read" | "read+propose",
): Promise<string> {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create an access token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Scope").selectOption(scope);
  await form.getByLabel("Expires after (days)").fill("7");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^cac_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("tokens-table").getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return token;
}

test.describe("MCP server", () => {
  test("token from the console -> MCP reads -> proposed write approved in /approvals -> client sees it applied", async ({
    page,
    baseURL,
  }) => {
    const target = await createUser({ label: `mcp${uniq()}` });
    const value = `mcp${uniq()}`;
    await signInAs(page, "admin", "/settings/tokens");
    const token = await createToken(page, `e2e propose ${uniq()}`, "read+propose");

    const client = await mcpClient(baseURL ?? "", token);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(["getUser", "listUsers", "updateUserMetadata", "get_approval_status"]),
      );
      const got = await client.callTool({ name: "getUser", arguments: { user_id: target.id } });
      expect(JSON.stringify(got.structuredContent)).toContain(target.email);

      const proposed = await client.callTool({
        name: "updateUserMetadata",
        arguments: { user_id: target.id, public_metadata: { plan: value } },
      });
      const approvalId = String((proposed.structuredContent as { approval_id: string }).approval_id);
      expect((proposed.structuredContent as { status: string }).status).toBe("pending_approval");
      expect((await publicMetadataOf(target.id)).plan).toBeUndefined();

      await page.goto("/approvals");
      await expect(page.getByTestId("approvals-pending-count")).toBeVisible();
      const item = page.locator(`[data-testid=inbox-item][data-approval-id="${approvalId}"]`);
      const card = item.getByTestId("approval-card");
      await expect(card.getByTestId("approval-target")).toContainText(target.email);
      await expect(card.getByTestId("approval-args")).toContainText(value);
      await expect(card.getByTestId("metadata-diff")).toContainText(`public_metadata.plan: "${value}"`);
      await expect(item.getByText("MCP client")).toBeVisible();
      await card.getByRole("button", { name: "Approve" }).click();
      await expect(item.getByTestId("inbox-outcome")).toHaveText("Approved and applied.");

      const status = await client.callTool({
        name: "get_approval_status",
        arguments: { approval_id: approvalId },
      });
      expect(status.structuredContent).toMatchObject({ status: "executed", outcome: "ok" });
      expect(JSON.stringify(status.structuredContent)).toContain(value);
      expect((await publicMetadataOf(target.id)).plan).toBe(value);

      await page.goto("/approvals");
      await expect(
        page.getByTestId("decided-approvals").locator(`[data-approval-id="${approvalId}"]`),
      ).toContainText("executed");
      await page.goto("/settings/tokens");
      await expect(page.getByTestId("token-last-used").first()).not.toHaveText("—");
    } finally {
      await client.close();
    }
  });

  test("read-only and revoked tokens are refused; a denied proposal never writes", async ({
    page,
    baseURL,
  }) => {
    const target = await createUser({ label: `mcpro${uniq()}` });
    await signInAs(page, "admin", "/settings/tokens");
    const readToken = await createToken(page, `e2e read ${uniq()}`, "read");
    const proposeName = `e2e deny ${uniq()}`;
    const proposeToken = await createToken(page, proposeName, "read+propose");

    const reader = await mcpClient(baseURL ?? "", readToken);
    await expect(
      reader.callTool({ name: "banUser", arguments: { user_id: target.id } }),
    ).rejects.toMatchObject({ code: 403 });
    await reader.close();

    const proposer = await mcpClient(baseURL ?? "", proposeToken);
    const proposed = await proposer.callTool({ name: "banUser", arguments: { user_id: target.id } });
    const approvalId = String((proposed.structuredContent as { approval_id: string }).approval_id);
    await page.goto("/approvals");
    const item = page.locator(`[data-testid=inbox-item][data-approval-id="${approvalId}"]`);
    await item.getByRole("textbox", { name: "Reason (optional)" }).fill("not today");
    await item.getByRole("button", { name: "Deny" }).click();
    await expect(item.getByTestId("inbox-outcome")).toHaveText("Denied.");
    const status = await proposer.callTool({
      name: "get_approval_status",
      arguments: { approval_id: approvalId },
    });
    expect(status.structuredContent).toMatchObject({ status: "denied", reason: "not today" });
    expect((await bapi<{ banned: boolean }>("GET", `/v1/users/${target.id}`)).banned).toBe(false);
    await proposer.close();

    await page.goto("/settings/tokens");
    const row = page.getByTestId("tokens-table").getByRole("row", { name: new RegExp(proposeName) });
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(row.getByText("revoked")).toBeVisible();
    const res = await fetch(new URL("/api/mcp", baseURL), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${proposeToken}`,
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});
