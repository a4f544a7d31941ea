// Test-only: which registry writes the adversarial suites enumerate (rather than name one by one), so the
// coverage test checks the very lists the suites attack.
import { writeActions } from "@/lib/clerk/registry";

/** Every organization write: lib/agent/organization-writes-adversarial.test.ts attacks each. */
export const ORGANIZATION_WRITES = writeActions.filter((a) => /Organization/.test(a.name));

/** Access lists and impersonation revocation: lib/approvals/access-impersonation-adversarial.test.ts. */
export const ACCESS_AND_IMPERSONATION_WRITES = writeActions
  .filter((a) => /(Allowlist|Blocklist)Identifier$/.test(a.name) || a.name === "revokeImpersonation")
  .map((a) => a.name);
