// Secrets campaign, browser side: the client bundles of the build under test and every response the
// browser receives during a signed-in admin session (main pages + a chat turn) contain none of the server
// secrets (Clerk secret key, webhook secret, approval secret) nor a database URL; the build carries no
// Local Clerk code (client or server output).
import { join } from "node:path";
import { findMarkers, LOCAL_CLERK_MARKERS, SECRET_MARKERS, scanDir } from "../campaigns/support/markers";
import { expect, signInAs, test } from "./support/fixtures";

const distDir = process.env.NEXT_DIST_DIR || ".next";

test("client bundles: no secret, no database URL, no Local Clerk code", () => {
  const client = scanDir(join(distDir, "static"), [...SECRET_MARKERS, ...LOCAL_CLERK_MARKERS]);
  console.log(`secrets campaign: scanned ${client.files} client files in ${distDir}/static`);
  expect(client.files).toBeGreaterThan(10);
  expect(client.hits).toEqual([]);
});

test("server output: no Local Clerk code bundled", () => {
  // Source maps and the traced-files lists name paths, not code; the emulator must not be in any chunk.
  const server = scanDir(join(distDir, "server"), LOCAL_CLERK_MARKERS, {
    skip: (p) => p.endsWith(".nft.json"),
  });
  expect(server.files).toBeGreaterThan(10);
  expect(server.hits).toEqual([]);
});

test("every response of a signed-in session: 0 secret hits", async ({ page }) => {
  test.setTimeout(120_000);
  const seen: { url: string; hits: string[] }[] = [];
  let scanned = 0;
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    pending.push(
      (async () => {
        let body = "";
        try {
          body = (await res.body()).toString("utf8");
        } catch {
          return; // redirects and aborted requests have no body
        }
        scanned++;
        const headerText = JSON.stringify(await res.allHeaders());
        const hits = findMarkers(body + headerText, SECRET_MARKERS);
        if (hits.length > 0) seen.push({ url: res.url(), hits });
      })(),
    );
  });

  await signInAs(page, "admin", "/users");
  await expect(page.getByRole("table").first()).toBeVisible({ timeout: 30_000 });
  const firstUser = page.locator('a[href^="/users/user_"]').first();
  const href = await firstUser.getAttribute("href");
  for (const path of [
    "/",
    "/invitations",
    "/audit",
    "/approvals",
    "/settings/tokens",
    "/jobs",
    href ?? "/users",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/chat");
  const box = page.getByRole("textbox").last();
  await box.fill("show admin@example.com");
  await box.press("Enter");
  await expect(page.getByText("admin@example.com").last()).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);

  console.log(`secrets campaign: scanned ${scanned} responses of a signed-in session`);
  expect(scanned).toBeGreaterThan(20);
  expect(seen).toEqual([]);
});
