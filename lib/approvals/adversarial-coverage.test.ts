import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeActions } from "@/lib/clerk/registry";
import { ACCESS_AND_IMPERSONATION_WRITES, ORGANIZATION_WRITES } from "@/test/support/attacked-writes";

// Issue 17's writes (organizations, access lists, impersonation), derived from the registry: each one,
// including any added later, must be attacked by name in one of the adversarial suites.
const ROOT = path.resolve(import.meta.dirname, "../..");
const suites = readdirSync(path.join(ROOT, "lib"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith("adversarial.test.ts"))
  .map((f) => path.join("lib", f));
const text = suites.map((f) => readFileSync(path.join(ROOT, f), "utf8")).join("\n");
const ISSUE_17 = writeActions
  .map((a) => a.name)
  .filter((name) => /organization|allowlist|blocklist|impersonat/i.test(name));

describe("adversarial coverage of issue 17's writes", () => {
  it("found the suites and the writes", () => {
    expect(suites.length).toBeGreaterThanOrEqual(4);
    expect(ISSUE_17.length).toBeGreaterThanOrEqual(15);
  });

  it.each(ISSUE_17)("%s is attacked in an adversarial suite", (name) => {
    const byName = new RegExp(`\\b${name}\\b`).test(text);
    // Or in a list a suite enumerates and attacks one by one (it.each over it).
    const enumerated =
      ORGANIZATION_WRITES.some((a) => a.name === name) || ACCESS_AND_IMPERSONATION_WRITES.includes(name);
    expect(byName || enumerated, name).toBe(true);
  });
});

// Issue 16's user lifecycle writes, derived the same way (a new email/phone/profile/session write is
// caught too): attacked in the inbox by lifecycle-adversarial.test.ts, or shown there to be console-only.
const ISSUE_16 = writeActions
  .map((a) => a.name)
  .filter((name) =>
    /^(create|delete)User$|UserProfile|EmailAddress|PhoneNumber|Password|Mfa|AllSessions|ProfileImage|SignInToken/.test(
      name,
    ),
  );

describe("adversarial coverage of issue 16's user lifecycle writes", () => {
  it("found the writes", () => {
    expect(ISSUE_16.length).toBeGreaterThanOrEqual(16);
  });

  it.each(ISSUE_16)("%s is attacked (or refused as console-only) in an adversarial suite", (name) => {
    expect(new RegExp(`"${name}"`).test(text), name).toBe(true);
  });
});
