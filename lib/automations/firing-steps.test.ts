// What a firing's workflow run does after its step: end once the firing is done, whatever the outcome;
// sleep to the end of another runner's lease (never less than a second) while the firing is held.
import { describe, expect, it } from "vitest";
import type { AutomationFiringRow } from "@/lib/db/schema";
import { nextFiringStep } from "./firing-steps";

const now = new Date("2026-01-01T00:00:00.000Z");
const row = (status: AutomationFiringRow["status"], leaseUntil: Date | null = null) =>
  ({ id: "fir_1", status, leaseUntil }) as AutomationFiringRow;

describe("nextFiringStep", () => {
  it("ends with the firing's outcome once it is done, or when it is gone", () => {
    for (const status of ["applied", "proposed", "failed", "skipped"] as const)
      expect(nextFiringStep(row(status), now)).toEqual({ next: "end", status });
    expect(nextFiringStep(null, now)).toEqual({ next: "end", status: "missing" });
  });

  it("waits until another runner's lease is over", () => {
    const lease = new Date(now.getTime() + 45_000);
    expect(nextFiringStep(row("running", lease), now)).toEqual({
      next: "wait",
      until: lease.toISOString(),
    });
  });

  it("waits at least a second when the firing is still open without a lease ahead", () => {
    const until = new Date(now.getTime() + 1_000).toISOString();
    expect(nextFiringStep(row("pending"), now)).toEqual({ next: "wait", until });
    expect(nextFiringStep(row("running", new Date(now.getTime() - 5_000)), now)).toEqual({
      next: "wait",
      until,
    });
  });
});
