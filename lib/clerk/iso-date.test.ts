import { describe, expect, it } from "vitest";
import { isoToMillis } from "./iso-date";

describe("isoToMillis", () => {
  it("reads the extended and the basic form of a day and of an instant alike", () => {
    expect(isoToMillis("2026-12-01")).toBe(Date.UTC(2026, 11, 1));
    expect(isoToMillis("20261201")).toBe(Date.UTC(2026, 11, 1));
    expect(isoToMillis("2026-12-01T09:30:00Z")).toBe(Date.UTC(2026, 11, 1, 9, 30));
    expect(isoToMillis("20261201T093000Z")).toBe(Date.UTC(2026, 11, 1, 9, 30));
    expect(isoToMillis("2026-12-01T09:30:00+02:00")).toBe(Date.UTC(2026, 11, 1, 7, 30));
  });

  it("refuses mixed separators, impossible days and other text", () => {
    for (const bad of [
      "2026-1201",
      "202612-01",
      "2026-12-01T0930:00Z",
      "20260230",
      "2026-13-01",
      "yesterday",
      "1201",
    ])
      expect(isoToMillis(bad), bad).toBeUndefined();
  });
});
