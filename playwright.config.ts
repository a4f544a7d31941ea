import { defineConfig, devices } from "@playwright/test";
import { appEnvForLocalClerk } from "./local-clerk/src/app-env";

// Ports are overridable so several suites (or developers) can run side by side.
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const clerkPort = Number(process.env.E2E_LOCAL_CLERK_PORT ?? 4510);
const dataDir = process.env.E2E_DATA_DIR ?? `.data/e2e-${clerkPort}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: `node -p '"local-clerk: Node " + process.version' && npx tsx local-clerk/src/cli.ts --port ${clerkPort} --data-dir ${dataDir} --reset --seed-users 500`,
      url: `http://127.0.0.1:${clerkPort}/__local_clerk/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      // Local Clerk delivers Svix-signed webhooks to the app (live updates, metadata index).
      env: {
        LOCAL_CLERK_WEBHOOK_URL: `http://127.0.0.1:${appPort}/api/webhooks/clerk`,
        CLERK_WEBHOOK_SIGNING_SECRET: appEnvForLocalClerk(clerkPort).CLERK_WEBHOOK_SIGNING_SECRET!,
      },
    },
    {
      command: `node -p '"next start: Node " + process.version' && npx next start -p ${appPort}`,
      url: `http://localhost:${appPort}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: { ...appEnvForLocalClerk(clerkPort), DATABASE_DIR: `${dataDir}/db` },
    },
  ],
});
