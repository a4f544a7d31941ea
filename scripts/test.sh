#!/usr/bin/env bash
# The whole suite: unit + integration (Vitest), one production build, then end-to-end (Playwright, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx tsx scripts/check-runtime.ts "npm test"
npx biome check .
npx tsc --noEmit
npx vitest run
npx tsx scripts/with-local-env.ts npx next build
npx playwright test
