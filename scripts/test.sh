#!/usr/bin/env bash
# The whole suite: unit + integration (Vitest), one production build, then end-to-end (Playwright, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx tsx scripts/check-runtime.ts "npm test"
npx biome check .
npx tsc --noEmit
# The bulk pace test measures throughput against Clerk's rate limit on the workflow engine, whose steps
# run inside the console's server: it needs the production build and runs on its own, after the rest, so
# the other suites' CPU (two cores) does not starve that server.
npx vitest run --exclude lib/jobs/jobs-pace.test.ts
# The agent evaluation set (eval/, docs/eval.md) with the built-in offline model: fails below 95%.
npm run eval -- --model offline --min 0.95
npx tsx scripts/with-local-env.ts npx next build
npx vitest run lib/jobs/jobs-pace.test.ts
npx playwright test
