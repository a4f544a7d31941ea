import { expect, signInAs, test, uniq } from "./support/fixtures";
import { bapi } from "./support/local-clerk";

// Issue 16: create a user from the users page, add an email, mark it verified, make it primary, then
// delete the user after typing that email; each step checked in Local Clerk, not only on the page.

type BapiUser = {
  id: string;
  first_name: string | null;
  primary_email_address_id: string | null;
  email_addresses: { id: string; email_address: string; verification: { status: string } | null }[];
};

test("create a user, add and verify an email, set it primary, delete after typing the email", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tag = uniq();
  const first = `life-${tag}@example.com`;
  const second = `life-${tag}-work@example.com`;

  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await signInAs(page, "admin", "/users");

  await page.getByTestId("create-user").click();
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Email").fill(first);
  await form.getByLabel("First name").fill("Lifecycle");
  await form.getByLabel("Last name").fill(tag);
  await page.getByTestId("create-user-submit").click();
  await expect(page).toHaveURL(/\/users\/user_[A-Za-z0-9]+$/, { timeout: 30_000 });
  const userId = page.url().split("/").at(-1) ?? "";
  await expect(page.getByTestId("user-name")).toHaveText(`Lifecycle ${tag}`);
  const created = await bapi<BapiUser>("GET", `/v1/users/${userId}`);
  expect(created.email_addresses.map((e) => e.email_address)).toEqual([first]);

  // Add a second, unverified address.
  await page.getByTestId("add-email-input").fill(second);
  await page.getByTestId("add-email-submit").click();
  const row = page.getByTestId("email-row").filter({ hasText: second });
  await expect(row).toContainText("Unverified");
  await expect(row.getByRole("button", { name: "Make primary" })).toBeDisabled();

  await row.getByRole("button", { name: "Mark verified" }).click();
  await expect(row).toContainText("Verified");
  await row.getByRole("button", { name: "Make primary" }).click();
  await expect(row).toContainText("Primary");
  const after = await bapi<BapiUser>("GET", `/v1/users/${userId}`);
  const primary = after.email_addresses.find((e) => e.id === after.primary_email_address_id);
  expect(primary).toMatchObject({ email_address: second, verification: { status: "verified" } });

  // Delete: the confirm stays disabled until the primary email is typed exactly.
  await page.getByTestId("delete-user").click();
  const confirm = page.getByTestId("delete-user-confirm");
  await page.getByTestId("delete-user-typed").fill(first);
  await expect(confirm).toBeDisabled();
  await page.getByTestId("delete-user-typed").fill(second);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page).toHaveURL(/\/users$/, { timeout: 30_000 });
  await expect(bapi("GET", `/v1/users/${userId}`)).rejects.toThrow(/404/);

  // The audit log has the delete with its snapshot of what was lost.
  await page.goto(`/audit?action=deleteUser`);
  await expect(page.getByTestId("audit-before").filter({ hasText: second })).toHaveCount(1);
  await expect(page.getByTestId("audit-before").filter({ hasText: second })).toContainText('"exists": true');
});

test("edit the profile: names, username and external id saved; a taken or malformed username is refused at its field, nothing written", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = uniq();
  type Profile = {
    first_name: string | null;
    last_name: string | null;
    username: string | null;
    external_id: string | null;
    updated_at: number;
  };
  const other = await bapi<{ username: string }>("POST", "/v1/users", {
    email_address: [`prof-other-${tag}@example.com`],
    username: `taken_${tag}`,
    skip_password_requirement: true,
  });
  const user = await bapi<{ id: string }>("POST", "/v1/users", {
    email_address: [`prof-${tag}@example.com`],
    first_name: "Before",
    last_name: "Edit",
    skip_password_requirement: true,
  });
  const stored = () => bapi<Profile>("GET", `/v1/users/${user.id}`);

  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await signInAs(page, "admin", `/users/${user.id}`);
  const form = page.getByTestId("user-profile-form");
  await expect(page.getByTestId("profile-first-name")).toHaveValue("Before");
  await expect(page.getByTestId("profile-save")).toBeDisabled();

  await page.getByTestId("profile-first-name").fill("After");
  await page.getByTestId("profile-last-name").fill(`Edited ${tag}`);
  await page.getByTestId("profile-username").fill(`new_${tag}`);
  await page.getByTestId("profile-external-id").fill(`crm-${tag}`);
  await page.getByTestId("profile-save").click();
  await expect(page.getByText("Profile saved.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("user-name")).toHaveText(`After Edited ${tag}`);
  expect(await stored()).toMatchObject({
    first_name: "After",
    last_name: `Edited ${tag}`,
    username: `new_${tag}`,
    external_id: `crm-${tag}`,
  });
  const saved = await stored();

  // Another user's username: Clerk refuses it; the form says why; nothing changes.
  await page.getByTestId("profile-username").fill(other.username);
  await page.getByTestId("profile-save").click();
  await expect(form.getByRole("alert")).toContainText(/taken/i, { timeout: 30_000 });
  // Malformed: refused before Clerk is asked, at the username field.
  await page.getByTestId("profile-username").fill("no spaces allowed");
  await page.getByTestId("profile-save").click();
  await expect(form.getByRole("alert")).toContainText("letters, digits");
  await expect(page.getByTestId("profile-username")).toHaveAttribute("aria-invalid", "true");
  expect(await stored()).toEqual(saved);

  // An emptied field is cleared.
  await page.getByTestId("profile-username").fill(`new_${tag}`);
  await page.getByTestId("profile-external-id").fill("");
  await page.getByTestId("profile-save").click();
  await expect.poll(async () => (await stored()).external_id, { timeout: 30_000 }).toBeNull();
  expect((await stored()).username).toBe(`new_${tag}`);

  // The audit has each saved edit as updateUserProfile.
  await page.goto(`/audit?action=updateUserProfile&target=${user.id}`);
  await expect(page.locator('[data-testid=audit-entry][data-outcome="ok"]')).toHaveCount(2);
});
