// Chromium (Debian /usr/bin/chromium through playwright-core) for the browser benchmarks, and the
// console's sign-in as a user does it: Clerk's real <SignIn/>, identifier, password.
import { type Browser, chromium, type Page } from "playwright-core";
import { SEEDED_ACCOUNTS } from "../../local-clerk/src/app-env";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
  });
}

export const seededAdmin = () => {
  const admin = SEEDED_ACCOUNTS.find((a) => a.role === "admin");
  if (!admin) throw new Error("no seeded admin");
  return admin;
};

/** True once React has hydrated the users search box (a fiber key on the element). */
export async function waitForHydratedSearch(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const input = document.querySelector('[data-testid="users-search"]');
      return !!input && Object.keys(input).some((k) => k.startsWith("__reactFiber"));
    },
    undefined,
    { timeout: 60_000 },
  );
}

/**
 * Opens `path` signed out, signs in as the seeded admin and waits for an interactive users table.
 * Returns the phases in ms: the form is ready, and password submitted -> table interactive.
 */
export async function signInToUsers(page: Page, path = "/users") {
  const admin = seededAdmin();
  page.setDefaultTimeout(60_000);
  const t0 = performance.now();
  await page.goto(path, { waitUntil: "commit" });
  const identifier = page.locator("input[name=identifier]");
  await identifier.waitFor();
  const t1 = performance.now();
  await identifier.fill(admin.email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL(/\/sign-in\/factor-one/);
  const password = page.locator("input[name=password]");
  await password.waitFor();
  await password.fill(admin.password);
  const t2 = performance.now();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/users");
  await page.getByTestId("users-table").waitFor();
  await waitForHydratedSearch(page);
  const t3 = performance.now();
  return { formReady: t1 - t0, submitToTable: t3 - t2, total: t3 - t0 - (t2 - t1) };
}

/**
 * The headers (and `_rsc` key) Next's client router sends for an in-app navigation from /users:
 * signs in, types into the search box and records the RSC request it fires. Replaying them makes a
 * server-side measurement of soft navigation honest: without `next-router-state-tree` Next renders
 * the whole tree, layouts included.
 */
export async function captureUsersNavigation(
  browser: Browser,
  baseURL: string,
): Promise<{ headers: Record<string, string>; rscKey: string }> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signInToUsers(page);
    const request = page.waitForRequest(
      (r) => r.headers().rsc === "1" && new URL(r.url()).searchParams.has("q"),
    );
    await page.getByTestId("users-search").fill("smith");
    const req = await request;
    const all = await req.allHeaders();
    const headers = Object.fromEntries(
      Object.entries(all).filter(([k]) => k === "rsc" || k.startsWith("next-") || k === "accept"),
    );
    return { headers, rscKey: new URL(req.url()).searchParams.get("_rsc") ?? "" };
  } finally {
    await context.close();
  }
}
