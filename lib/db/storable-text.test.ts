import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/db";
import { isStorableText, toStorableJson, toStorableText } from "./storable-text";

describe("storable text", () => {
  it.each([
    ["plain", true],
    ["emoji \u{1F600} pair", true],
    ["nul \u0000 byte", false],
    ["lone high \uD800 surrogate", false],
    ["lone low \uDC00 surrogate", false],
    ["trailing high \uD83D", false],
  ])("%j storable: %s", (text, ok) => {
    expect(isStorableText(text)).toBe(ok);
    expect(isStorableText(toStorableText(text))).toBe(true);
  });

  it("cleans keys and nested values and the result is accepted by jsonb", async () => {
    const dirty = { "k\u0000": ["a\uD800", { n: "\u0000" }], ok: 1, emoji: "\u{1F600}" };
    const clean = toStorableJson(dirty);
    expect(clean).toEqual({ "k\uFFFD": ["a\uFFFD", { n: "\uFFFD" }], ok: 1, emoji: "\u{1F600}" });
    const handle = await createTestDatabase("pglite");
    try {
      const rows = await handle.db.execute(sql`select ${JSON.stringify(clean)}::jsonb as v`);
      expect(rows).toBeTruthy();
      await expect(handle.db.execute(sql`select ${JSON.stringify(dirty)}::jsonb as v`)).rejects.toThrow();
    } finally {
      await handle.destroy();
    }
  });
});
