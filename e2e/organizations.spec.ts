import type { Page } from "@playwright/test";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// The organization pages against Local Clerk; every outcome is checked through the BAPI as well as the UI.

/** ClerkJS loads cold in each new context; give the sign-in form a longer first wait (see invitations.spec). */
async function signInAs(page: Page, role: "admin" | "viewer", path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, role, path);
}

type BapiMembership = { role: string; public_user_data: { user_id: string } };

async function membersOf(orgId: string): Promise<Map<string, string>> {
  const list = await bapi<{ data: BapiMembership[] }>(
    "GET",
    `/v1/organizations/${orgId}/memberships?limit=100`,
  );
  return new Map(list.data.map((m) => [m.public_user_data.user_id, m.role]));
}

test.describe("organizations", () => {
  test("create, add two members, change a role, invite, edit metadata, remove a member, delete by slug", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const slug = `e2e-org-${uniq()}`;
    const [alice, bob] = [await createUser({ label: "orgalice" }), await createUser({ label: "orgbob" })];
    await signInAs(page, "admin", "/organizations");

    // Create: lands on the new organization's page.
    await page.getByTestId("create-organization-name").fill(`E2E Org ${slug}`);
    await page.getByTestId("create-organization-slug").fill(slug);
    await page.getByTestId("create-organization-submit").click();
    await expect(page.getByTestId("organization-slug")).toHaveText(slug, { timeout: 30_000 });
    const orgId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    expect(orgId).toMatch(/^org_/);
    expect(await bapi("GET", `/v1/organizations/${orgId}`)).toMatchObject({ slug });

    // Add two members, by email.
    for (const [user, role] of [
      [alice, "org:member"],
      [bob, "org:member"],
    ] as const) {
      await page.getByTestId("add-member-user").fill(user.email);
      await page.getByTestId("add-member-role").selectOption(role);
      await page.getByTestId("add-member-submit").click();
      await expect(page.locator(`[data-testid=member-row][data-user-id="${user.id}"]`)).toBeVisible({
        timeout: 30_000,
      });
    }
    expect((await membersOf(orgId)).get(alice.id)).toBe("org:member");
    expect((await membersOf(orgId)).get(bob.id)).toBe("org:member");

    // Change Bob's role to admin.
    const bobRow = page.locator(`[data-testid=member-row][data-user-id="${bob.id}"]`);
    await bobRow.getByTestId("member-role-select").selectOption("org:admin");
    await bobRow.getByTestId("member-role-change").click();
    await page.getByTestId("member-role-change-confirm").click();
    await expect(bobRow).toHaveAttribute("data-role", "org:admin", { timeout: 30_000 });
    expect((await membersOf(orgId)).get(bob.id)).toBe("org:admin");

    // Invite by email.
    const invitee = `e2e-invitee-${uniq()}@example.com`;
    await page.getByTestId("org-invite-email").fill(invitee);
    await page.getByTestId("org-invite-submit").click();
    await expect(page.locator(`[data-testid=org-invitation-row][data-email="${invitee}"]`)).toBeVisible({
      timeout: 30_000,
    });
    const invitations = await bapi<{ data: { email_address: string; status: string }[] }>(
      "GET",
      `/v1/organizations/${orgId}/invitations?status=pending`,
    );
    expect(invitations.data.map((i) => i.email_address)).toContain(invitee);

    // Edit public metadata: the post-merge diff is shown before saving.
    await page.getByTestId("metadata-public-input").fill('{"plan": "enterprise", "seats": 25}');
    const diff = page.getByTestId("metadata-public").getByTestId("metadata-diff");
    await expect(diff).toContainText('+ plan: "enterprise"');
    await expect(diff).toContainText("+ seats: 25");
    await page.getByTestId("metadata-public-review").click();
    await expect(page.getByTestId("metadata-public-confirm-dialog")).toContainText('+ plan: "enterprise"');
    await page.getByTestId("metadata-public-confirm").click();
    await expect(page.getByText("Public metadata saved.")).toBeVisible({ timeout: 30_000 });
    expect(
      (await bapi<{ public_metadata: unknown }>("GET", `/v1/organizations/${orgId}`)).public_metadata,
    ).toEqual({ plan: "enterprise", seats: 25 });

    // Remove Alice.
    const aliceRow = page.locator(`[data-testid=member-row][data-user-id="${alice.id}"]`);
    await aliceRow.getByTestId("member-remove").click();
    await page.getByTestId("member-remove-confirm").click();
    await expect(aliceRow).toHaveCount(0, { timeout: 30_000 });
    expect((await membersOf(orgId)).has(alice.id)).toBe(false);

    // Delete: the button stays disabled until the slug is typed exactly.
    await page.getByTestId("delete-organization").click();
    const confirm = page.getByTestId("delete-organization-confirm");
    await page.getByTestId("delete-organization-slug").fill(`${slug}-nope`);
    await expect(confirm).toBeDisabled();
    await page.getByTestId("delete-organization-slug").fill(slug);
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(page).toHaveURL(/\/organizations$/, { timeout: 30_000 });
    await expect(bapi("GET", `/v1/organizations/${orgId}`)).rejects.toThrow(/404/);

    // Every write is in the audit log (its CSV export), as the admin's, with an ok outcome.
    const audit = await page.request.get(`/api/audit/export?target=${orgId}`);
    expect(audit.status()).toBe(200);
    const lines = (await audit.text()).split("\r\n").filter((l) => l.includes(orgId));
    for (const action of [
      "addOrganizationMember",
      "updateOrganizationMemberRole",
      "createOrganizationInvitation",
      "updateOrganizationMetadata",
      "removeOrganizationMember",
      "deleteOrganization",
    ]) {
      expect(lines.some((l) => l.includes(`,${action},`) && l.includes(",ok,"))).toBe(true);
    }
    const created = await page.request.get("/api/audit/export?action=createOrganization");
    expect(await created.text()).toContain(slug);
  });

  test("the list searches, sorts by members and exports CSV; a viewer cannot write", async ({ page }) => {
    await signInAs(page, "viewer", "/organizations?q=acme");
    const rows = page.getByTestId("organization-row");
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    await expect(rows.first()).toContainText(/acme/i);
    await expect(page.getByTestId("create-organization-submit")).toBeDisabled();

    await page.goto("/organizations");
    await page.getByTestId("organizations-sort-members_count").click();
    await expect(page).toHaveURL(/sort=-members_count/);
    // The URL changes at once; the table follows when the server's answer arrives (a transition).
    const memberCounts = async () =>
      (await page.getByTestId("organization-members-count").allTextContents()).map(Number);
    await expect
      .poll(async () => {
        const counts = await memberCounts();
        return counts.length > 1 && counts.every((c, i) => i === 0 || (counts[i - 1] ?? c) >= c);
      })
      .toBe(true);

    const csv = await page.request.get("/api/export/organizations?q=acme&sort=%2Bname");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("id,name,slug,members_count");
    expect(text).toMatch(/Acme Corp/);

    await rows.first().getByRole("link").click();
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(page.getByTestId("delete-organization")).toBeDisabled();
  });
});
