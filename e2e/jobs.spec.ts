import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// Bulk job from a users-table selection: plan -> one batch approval -> paced run -> values in the table.

async function signInAs(page: import("@playwright/test").Page, path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, "admin", path);
}

test("select users -> bulk set metadata -> approve the plan -> 100% -> values visible", async ({ page }) => {
  test.setTimeout(120_000);
  const label = `bulk${uniq()}`;
  const users = await Promise.all([1, 2, 3].map((i) => createUser({ label: `${label}-${i}` })));
  const plan = `pro-${uniq()}`;
  await signInAs(page, `/users?q=${label}&cols=plan`);
  await expect(page.getByTestId("user-row")).toHaveCount(3);

  await page.getByTestId("select-page").check();
  await expect(page.getByTestId("bulk-selected")).toHaveText("3 selected");
  await page.getByLabel("Public metadata to set").fill(`plan=${plan}`);
  await page.getByTestId("bulk-apply").click();

  await expect(page).toHaveURL(/\/jobs\/job_[0-9a-f]{32}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "awaiting_approval");
  await expect(page.getByTestId("job-target")).toHaveCount(3);
  await expect(page.getByTestId("job-targets")).toContainText(`public_metadata.plan: — → "${plan}"`);
  // Nothing is written before the approval.
  for (const u of users) {
    const fresh = await bapi<{ public_metadata: Record<string, unknown> }>("GET", `/v1/users/${u.id}`);
    expect(fresh.public_metadata.plan).toBeUndefined();
  }

  await page.getByTestId("job-approve").click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", {
    timeout: 60_000,
  });
  await expect(page.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
  await expect(page.locator('[data-testid="job-target"][data-status="ok"]')).toHaveCount(3);

  for (const u of users) {
    const fresh = await bapi<{ public_metadata: Record<string, unknown> }>("GET", `/v1/users/${u.id}`);
    expect(fresh.public_metadata.plan).toBe(plan);
  }
  await page.goto(`/users?q=${label}&cols=plan`);
  const cells = page.getByTestId("user-row").locator("td", { hasText: plan });
  await expect(cells).toHaveCount(3);

  await page.goto("/jobs");
  await expect(page.getByTestId("job-row").first()).toContainText("Completed");
});

test("another admin's job: no controls until an audited take-over, then Cancel works", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [proposer, other] = await Promise.all([
    createUser({ label: `owner-${uniq()}`, role: "admin" }),
    createUser({ label: `taker-${uniq()}`, role: "admin" }),
  ]);
  const session = async (user: typeof proposer) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto("/sign-in");
    await page.locator("input[name=identifier]").fill(user.email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.locator("input[name=password]").fill(user.password);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    return page;
  };
  // Enough targets (the oldest users: seeded ones, never a user another spec just created; a key of this test only) that the paced run is still going when paused.
  const seeded = await bapi<{ id: string }[]>("GET", "/v1/users?limit=400&order_by=%2Bcreated_at");
  const key = `e2e_takeover_${uniq()}`;
  const owner = await session(proposer);
  const created = await owner.request.post("/api/jobs", {
    data: {
      action: "updateUserMetadata",
      targets: seeded.map((u) => ({ user_id: u.id, public_metadata: { [key]: 1 } })),
    },
  });
  expect(created.status()).toBe(201);
  const { jobId } = (await created.json()) as { jobId: string };
  await owner.goto(`/jobs/${jobId}`);
  await owner.getByTestId("job-approve").click();
  await owner.getByTestId("job-pause").click();
  await expect(owner.getByTestId("job-status")).toHaveAttribute("data-status", "paused");

  const page = await session(other);
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-take-over")).toBeVisible();
  await expect(page.getByTestId("job-resume")).toHaveCount(0);
  await expect(page.getByTestId("job-cancel")).toHaveCount(0);
  await page.getByTestId("job-take-over").getByRole("button", { name: "Take over" }).click();
  await page.getByTestId("job-cancel").click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "cancelled");
  await page.goto(`/audit?target=${jobId}`);
  await expect(page.locator('[data-action="takeOverJob"]')).toHaveCount(1);
  await expect(page.locator('[data-action="cancelJob"]')).toHaveCount(1);
});

test("pause parks the job's workflow run, resume wakes that same run: it completes and every target is written", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Enough targets (seeded users, a key of this test only) that the paced run is still going when paused;
  // not the @example.com accounts other specs sign in as and edit meanwhile (a target changed since the
  // plan is skipped, not written).
  const oldest = "/v1/users?limit=160&order_by=%2Bcreated_at";
  type Seeded = {
    id: string;
    email_addresses: { email_address: string }[];
    public_metadata: Record<string, unknown>;
  };
  const ownUsers = (users: Seeded[]) =>
    users.filter((u) => !u.email_addresses.some((e) => e.email_address.endsWith("@example.com")));
  const seeded = ownUsers(await bapi<Seeded[]>("GET", oldest));
  const key = `e2e_pause_${uniq()}`;
  await signInAs(page, "/jobs");
  const created = await page.request.post("/api/jobs", {
    data: {
      action: "updateUserMetadata",
      targets: seeded.map((u) => ({ user_id: u.id, public_metadata: { [key]: 1 } })),
    },
  });
  expect(created.status()).toBe(201);
  const { jobId } = (await created.json()) as { jobId: string };
  await page.goto(`/jobs/${jobId}`);
  await page.getByTestId("job-approve").click();
  await page.getByTestId("job-pause").click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "paused");
  // Paused part way: the table shows the first 100 targets, which a fast run may all have written.
  await expect(page.getByTestId("job-progress")).not.toHaveAttribute("aria-valuenow", "100");
  const runId = await page.getByTestId("job-run").getAttribute("data-run-id");
  expect(runId).toMatch(/^wrun_/);

  await page.getByTestId("job-resume").click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", {
    timeout: 180_000,
  });
  // The run that parked on pause is the one that finished: resume signalled it, nothing started anew.
  await expect(page.getByTestId("job-run")).toHaveAttribute("data-run-id", runId as string);
  const after = await bapi<Seeded[]>("GET", oldest);
  const targeted = new Set(seeded.map((u) => u.id));
  expect(after.filter((u) => targeted.has(u.id) && u.public_metadata[key] !== 1)).toEqual([]);
});

test("a target Clerk refuses: completed with errors -> Retry failed targets -> approve -> only it is written", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const label = `retry${uniq()}`;
  const users = await Promise.all([1, 2, 3].map((i) => createUser({ label: `${label}-${i}` })));
  const refused = users[1] as (typeof users)[number];
  const plan = `retry-${uniq()}`;
  await bapi("PUT", "/__local_clerk/faults", {
    faults: [{ route: `PATCH /v1/users/${refused.id}/metadata`, kind: "422", count: 1 }],
  });
  try {
    await signInAs(page, `/users?q=${label}&cols=plan`);
    await expect(page.getByTestId("user-row")).toHaveCount(3);
    await page.getByTestId("select-page").check();
    await page.getByLabel("Public metadata to set").fill(`plan=${plan}`);
    await page.getByTestId("bulk-apply").click();
    await expect(page).toHaveURL(/\/jobs\/job_[0-9a-f]{32}$/, { timeout: 30_000 });
    const firstJob = page.url();
    await page.getByTestId("job-approve").click();
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed_with_errors", {
      timeout: 60_000,
    });
    await expect(page.locator('[data-testid="job-target"][data-status="error"]')).toHaveCount(1);
    await expect(page.locator(`[data-testid="job-target"][data-target-id="${refused.id}"]`)).toHaveAttribute(
      "data-status",
      "error",
    );

    await page.getByTestId("job-retry-failed").click();
    await page.waitForURL((url) => /^\/jobs\/job_[0-9a-f]{32}$/.test(url.pathname) && url.href !== firstJob, {
      timeout: 30_000,
    });
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "awaiting_approval");
    await expect(page.getByTestId("job-retry-of")).toBeVisible();
    await expect(page.getByTestId("job-target")).toHaveCount(1);
    await expect(page.getByTestId("job-target")).toHaveAttribute("data-target-id", refused.id);
    await page.getByTestId("job-approve").click();
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", {
      timeout: 60_000,
    });

    for (const u of users) {
      const fresh = await bapi<{ public_metadata: Record<string, unknown> }>("GET", `/v1/users/${u.id}`);
      expect(fresh.public_metadata.plan).toBe(plan);
      const log = await bapi<{ data: { method: string; status: number }[] }>(
        "GET",
        `/__local_clerk/requests?method=PATCH&path_prefix=${encodeURIComponent(`/v1/users/${u.id}/metadata`)}`,
      );
      expect(log.data.filter((e) => e.status === 200)).toHaveLength(1);
    }
    // The first job now points at its retry instead of offering another one.
    await page.goto(firstJob);
    await expect(page.getByTestId("job-retried-in")).toBeVisible();
    await expect(page.getByTestId("job-retry-failed")).toHaveCount(0);
  } finally {
    await bapi("DELETE", "/__local_clerk/faults");
  }
});
