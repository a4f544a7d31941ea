import { describe, expect, it } from "vitest";
import type { AuditRow } from "@/lib/db/schema";
import { auditCsvHeader, auditCsvLine, auditToCsv } from "./csv";

function row(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    id: "6f1c1a52-0d0e-4b8a-9d57-3c1f0e0c0a01",
    createdAt: new Date("2026-01-02T03:04:05.000Z"),
    completedAt: null,
    actorUserId: "user_admin",
    actorEmail: "admin@example.com",
    source: "agent",
    chatId: null,
    prompt: null,
    action: "updateUserMetadata",
    arguments: { plan: "pro" },
    targetType: "user",
    targetId: "user_1",
    targetLabel: null,
    before: null,
    after: null,
    approvalId: null,
    approverUserId: null,
    outcome: "pending",
    errorCode: null,
    errorMessage: null,
    clerkTraceId: null,
    undoOf: null,
    ruleId: null,
    eventId: null,
    ...overrides,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("audit CSV", () => {
  it("quotes commas, quotes and newlines and JSON-encodes structured cells", () => {
    const line = auditCsvLine(row({ prompt: 'say "hi", then\nleave', arguments: { a: "x,y" } }));
    expect(line).toContain('"say ""hi"", then\nleave"');
    expect(line).toContain('"{""a"":""x,y""}"');
    expect(line.endsWith("\r\n")).toBe(true);
  });

  it.each(['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])(
    "neutralises a formula-looking cell %j",
    (payload) => {
      const line = auditCsvLine(row({ targetLabel: payload }));
      const cells = line.split(",");
      expect(cells.some((c) => c.replace(/^"/, "").startsWith("'"))).toBe(true);
      expect(line).not.toMatch(new RegExp(`(^|,)${payload.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    },
  );

  it("streams the header then every row, from sync or async sources", async () => {
    const rows = Array.from({ length: 450 }, (_, i) => row({ targetId: `user_${i}` }));
    async function* gen() {
      yield* rows;
    }
    for (const source of [rows, gen()]) {
      const text = await readAll(auditToCsv(source));
      const lines = text.split("\r\n").filter(Boolean);
      expect(lines[0]).toBe(auditCsvHeader().trimEnd());
      expect(lines).toHaveLength(451);
      expect(lines[450]).toContain("user_449");
    }
  });

  it("an empty export is just the header", async () => {
    expect(await readAll(auditToCsv([]))).toBe(auditCsvHeader());
  });
});
