import { describe, expect, it } from "vitest";
import { entryChanges, formatAuditTime, outcomeView } from "./view-entry";
import { auditExportHref, auditViewToFilters, normalizeAuditView, parseTimeBound } from "./view-params";

const view = normalizeAuditView({
  actor: " admin@example.com ",
  source: "console",
  action: "banUser",
  target: "",
  outcome: null,
  from: "2026-11-01",
  to: "2026-11-02",
  page: 0,
  size: 7,
});

describe("audit view params", () => {
  it("normalizes paging and trims text", () => {
    expect(view).toMatchObject({ actor: "admin@example.com", page: 1, size: 25 });
  });

  it("reads time bounds as UTC; a bare 'to' date includes that day, a minute includes that minute", () => {
    expect(parseTimeBound("2026-11-01", "from")).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(parseTimeBound("2026-11-01", "to")).toEqual(new Date("2026-11-02T00:00:00Z"));
    expect(parseTimeBound("2026-11-01T10:15", "to")).toEqual(new Date("2026-11-01T10:16:00Z"));
    expect(parseTimeBound("2026-11-01T10:15:30Z", "from")).toEqual(new Date("2026-11-01T10:15:30Z"));
    expect(parseTimeBound("", "from")).toBeNull();
    expect(parseTimeBound("yesterday", "from")).toEqual({ error: expect.stringContaining("not a date") });
    expect(parseTimeBound("2026-13-45", "from")).toEqual({
      error: expect.stringContaining("not a valid date"),
    });
  });

  it("maps the view to listAudit filters and reports unreadable or empty ranges", () => {
    expect(auditViewToFilters(view)).toEqual({
      filters: {
        actor: "admin@example.com",
        source: "console",
        action: "banUser",
        from: new Date("2026-11-01T00:00:00Z"),
        to: new Date("2026-11-03T00:00:00Z"),
      },
      errors: [],
    });
    const bad = auditViewToFilters({ ...view, from: "soon", to: "" });
    expect(bad.filters.from).toBeUndefined();
    expect(bad.errors[0]).toMatch(/^From: /);
    expect(auditViewToFilters({ ...view, from: "2026-11-05", to: "2026-11-01" }).errors).toEqual([
      expect.stringContaining("empty"),
    ]);
  });

  it("builds the export link from the filters only", () => {
    expect(auditExportHref({ ...view, target: "" })).toBe(
      "/api/audit/export?actor=admin%40example.com&source=console&action=banUser&from=2026-11-01&to=2026-11-02",
    );
  });
});

describe("entryChanges", () => {
  const snapshot = {
    public_metadata: { plan: "free", keep: { a: 1 } },
    private_metadata: { x: 1 },
    unsafe_metadata: {},
    updated_at: 1,
  };

  it("diffs the touched metadata kinds (console shape)", () => {
    const changes = entryChanges(snapshot, { public_metadata: { plan: "pro", keep: { a: 1, b: 2 } } });
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "added public_metadata.keep.b",
      "changed public_metadata.plan",
    ]);
  });

  it("ignores bookkeeping fields and unchanged kinds (agent shape: whole result)", () => {
    const after = { ...snapshot, id: "user_1", updated_at: 2, public_metadata: { keep: { a: 1 } } };
    expect(entryChanges(snapshot, after).map((c) => `${c.kind} ${c.path}`)).toEqual([
      "removed public_metadata.plan",
    ]);
  });

  it("shows flag and invitation fields as themselves; nothing without an after-state", () => {
    expect(entryChanges({ banned: false, locked: false, updated_at: 1 }, { banned: true })).toEqual([
      { path: "banned", segments: ["banned"], kind: "changed", before: false, after: true },
    ]);
    expect(
      entryChanges(null, { email_address: "a@example.com", status: "pending" }).map((c) => c.kind),
    ).toEqual(["added", "added"]);
    expect(entryChanges(snapshot, null)).toEqual([]);
  });
});

describe("outcome and time", () => {
  it("labels outcomes with their error code", () => {
    expect(outcomeView({ outcome: "ok", errorCode: null })).toEqual({ label: "ok", tone: "success" });
    expect(outcomeView({ outcome: "error", errorCode: "http_500" })).toEqual({
      label: "error · http_500",
      tone: "destructive",
    });
    expect(outcomeView({ outcome: "timeout", errorCode: "timeout" }).label).toBe("timeout");
    expect(outcomeView({ outcome: "pending", errorCode: null }).label).toBe("pending");
  });

  it("formats times in UTC", () => {
    expect(formatAuditTime(new Date("2026-11-26T07:40:12.345Z"))).toBe("2026-11-26 07:40:12 UTC");
  });
});
