import { describe, expect, it } from "vitest";
import { DEFAULT_SESSIONS_VIEW, parseSessionsView } from "./sessions-view";

describe("parseSessionsView", () => {
  it("reads N and the window from the URL", () => {
    expect(parseSessionsView({ more_than: "3", window: "30" })).toEqual({ moreThan: 3, windowDays: 30 });
    expect(parseSessionsView({ more_than: ["1", "9"], window: "1" })).toEqual({ moreThan: 1, windowDays: 1 });
  });
  it.each([
    [{}],
    [{ more_than: "0", window: "8" }],
    [{ more_than: "2.5", window: "-7" }],
    [{ more_than: "<script>", window: "7d" }],
    [{ more_than: "11" }],
  ])("falls back to the default for %j", (params) => {
    expect(parseSessionsView(params)).toEqual(DEFAULT_SESSIONS_VIEW);
  });
});
