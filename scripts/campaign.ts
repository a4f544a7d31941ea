// Full-size runs of the reliability and security campaigns (npm test runs them reduced):
//   npm run campaign:load | campaign:faults | campaign:bad-input | campaign:secrets
// Playwright-based campaigns need a production build in NEXT_DIST_DIR (default .next); built here when missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CAMPAIGNS } from "../campaigns/campaigns";

const name = process.argv[2] ?? "";
const steps = CAMPAIGNS[name];
if (!steps) {
  console.error(`usage: tsx scripts/campaign.ts <${Object.keys(CAMPAIGNS).join("|")}>`);
  process.exit(2);
}

const env = { ...process.env, CAMPAIGN_SIZE: "full", NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd: string, args: string[]) => {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (steps.some((s) => s.kind === "playwright") && !existsSync(join(distDir, "BUILD_ID"))) {
  run("npx", ["tsx", "scripts/with-local-env.ts", "npx", "next", "build"]);
}
for (const step of steps) {
  if (step.kind === "vitest") run("npx", ["vitest", "run", ...step.files]);
  else run("npx", ["playwright", "test", ...step.files, "--workers", "1"]);
}
