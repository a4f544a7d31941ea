import type { Browser } from "@playwright/test";
import { expect } from "./fixtures";
import { guardOffline } from "./offline-guard";
import { expectClerkReady } from "./sign-in-page";

/**
 * Opens an impersonation link in a fresh browser context (nothing leaves the machine) and checks that it
 * lands on the demo customer app as `customerEmail`, under the banner naming `actorEmail`.
 */
export async function openImpersonationLink(
  browser: Browser,
  url: string,
  baseURL: string | undefined,
  expected: { customerEmail: string; actorEmail: string },
): Promise<void> {
  const context = await browser.newContext();
  const guard = await guardOffline(context);
  const other = await context.newPage();
  const link = new URL(url);
  link.searchParams.set("redirect_url", `${baseURL}/customer`);
  await other.goto(link.toString());
  await expect(other).toHaveURL(/\/customer$/);
  await expectClerkReady(other);
  await expect(other.getByTestId("customer-email")).toHaveText(expected.customerEmail);
  await expect(other.getByTestId("impersonation-banner")).toBeVisible();
  await expect(other.getByTestId("impersonation-actor")).toHaveText(expected.actorEmail);
  expect(guard.external).toEqual([]);
  await context.close();
}
