import { describe, expect, it } from "vitest";
import { ClerkTimeoutError } from "@/lib/clerk/client";
import { AppError } from "@/lib/errors";
import { classifyAuditError } from "./classify-error";

describe("classifyAuditError and lib/clerk's timeouts", () => {
  it("records lib/clerk's own timer as a timeout, also when wrapped as an unknown write outcome", () => {
    const timeout = new ClerkTimeoutError("users.updateUserMetadata", 10_000);
    expect(classifyAuditError(timeout)).toMatchObject({ outcome: "timeout", code: "upstream_unavailable" });
    const wrapped = new AppError("upstream_unavailable", "Clerk did not confirm the change.", {
      details: { outcome: "unknown" },
      cause: timeout,
    });
    expect(classifyAuditError(wrapped).outcome).toBe("timeout");
  });

  it("keeps a plain unavailable Clerk an error", () => {
    expect(classifyAuditError(new AppError("upstream_unavailable")).outcome).toBe("error");
  });
});
