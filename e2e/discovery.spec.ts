import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, signInAs, test, uniq } from "./support/fixtures";
import { createUser, publicMetadataOf } from "./support/local-clerk";

// Discovery and REST against the running app: the OpenAPI document and the agent manifest as served,
// and a REST write that waits in /approvals until an admin approves it in the browser.

async function createToken(page: import("@playwright/test").Page, name: string): Promise<string> {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create an access token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Scope").selectOption("read+propose");
  await form.getByLabel("Expires after (days)").fill("7");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^cac_/);
  return token;
}

test.describe("discovery", () => {
  test("serves a valid OpenAPI 3.1 document and the agent manifest; the REST API wants a token", async ({
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? "").origin;
    const openapi = await fetch(new URL("/api/openapi.json", baseURL));
    expect(openapi.status).toBe(200);
    const doc = (await openapi.json()) as { openapi: string; servers: { url: string }[] };
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe(origin);

    const manifest = await fetch(new URL("/.well-known/agent.json", baseURL));
    expect(manifest.status).toBe(200);
    const body = (await manifest.json()) as {
      endpoints: { mcp: { url: string } };
      actions: { name: string; kind: string }[];
    };
    expect(body.endpoints.mcp.url).toBe(`${origin}/api/mcp`);
    expect(body.actions.map((a) => a.name)).toEqual(
      expect.arrayContaining(["listUsers", "updateUserMetadata"]),
    );

    const anonymous = await fetch(new URL("/api/v1/users", baseURL));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  test("REST: read, propose a write (202), approve it in /approvals, poll sees it executed", async ({
    page,
    baseURL,
  }) => {
    const target = await createUser({ label: `rest${uniq()}` });
    const value = `rest${uniq()}`;
    await signInAs(page, "admin", "/settings/tokens");
    const token = await createToken(page, `e2e rest ${uniq()}`);
    const call = (path: string, init: RequestInit = {}) =>
      fetch(new URL(path, baseURL), {
        ...init,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      });

    const read = await call(`/api/v1/users/${target.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(await read.json())).toContain(target.email);

    const proposed = await call("/api/v1/actions/updateUserMetadata", {
      method: "POST",
      body: JSON.stringify({ user_id: target.id, public_metadata: { plan: value } }),
    });
    expect(proposed.status).toBe(202);
    const { approval_id: approvalId } = (await proposed.json()) as { approval_id: string };
    expect(proposed.headers.get("location")).toBe(`/api/v1/approvals/${approvalId}`);
    expect((await publicMetadataOf(target.id)).plan).toBeUndefined();

    await page.goto("/approvals");
    const item = page.locator(`[data-testid=inbox-item][data-approval-id="${approvalId}"]`);
    await expect(item.getByText("REST", { exact: true })).toBeVisible();
    await expect(item.getByTestId("approval-card").getByTestId("approval-args")).toContainText(value);
    await item.getByTestId("approval-card").getByRole("button", { name: "Approve" }).click();
    await expect(item.getByTestId("inbox-outcome")).toHaveText("Approved and applied.");

    const status = await call(`/api/v1/approvals/${approvalId}`);
    expect(await status.json()).toMatchObject({ status: "executed", outcome: "ok" });
    expect((await publicMetadataOf(target.id)).plan).toBe(value);
  });
});

test("the agent manifest with a support token lists support's actions only; a bad token gets 401", async ({
  supportPage,
  baseURL,
}) => {
  const token = await createToken(supportPage, `e2e support manifest ${uniq()}`);
  const res = await fetch(new URL("/.well-known/agent.json", baseURL), {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { listed_for: unknown; actions: { name: string }[] };
  expect(body.listed_for).toEqual({ role: "support", scope: "read+propose" });
  const names = body.actions.map((a) => a.name);
  expect(names).toEqual(expect.arrayContaining(["listUsers", "revokeSession"]));
  expect(names).not.toContain("updateUserMetadata");
  expect(names).not.toContain("deleteUser");
  const bad = await fetch(new URL("/.well-known/agent.json", baseURL), {
    headers: { authorization: "Bearer cac_not-a-real-token" },
  });
  expect(bad.status).toBe(401);
});
