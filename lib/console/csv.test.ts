import { describe, expect, it } from "vitest";
import { CSV_EXPORT_CAP, csvField, csvLine, exportCap, usersCsvStream } from "./csv";
import type { UserLike } from "./user-row";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    [" padded ", '" padded "'],
  ])("%j -> %j", (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it("leaves numbers and booleans alone (a negative number is data, not a formula)", () => {
    expect(csvLine([-5, true, null, undefined])).toBe("-5,true,,\r\n");
  });
});

const user = (i: number): UserLike => ({
  id: `user_${i}`,
  first_name: `=cmd${i}`,
  last_name: null,
  primary_email: `u${i}@x.io`,
  email_addresses: [`u${i}@x.io`],
  created_at: Date.UTC(2026, 0, 1),
  updated_at: 0,
  last_sign_in_at: null,
  last_active_at: null,
  banned: false,
  locked: i === 2,
  public_metadata: { plan: i % 2 ? "pro" : "free", tags: ["a", "b"] },
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("usersCsvStream", () => {
  it("pages through the source until a short page and writes the header once", async () => {
    const calls: [number, number][] = [];
    const all = Array.from({ length: 7 }, (_, i) => user(i + 1));
    const text = await readAll(
      usersCsvStream({
        metadataKeys: ["plan", "tags"],
        pageSize: 3,
        fetchPage: async (offset, limit) => {
          calls.push([offset, limit]);
          return { users: all.slice(offset, offset + limit) };
        },
      }),
    );
    expect(calls).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
    ]);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "id,name,primary_email,created_at,last_sign_in_at,banned,locked,public_metadata.plan,public_metadata.tags",
    );
    expect(lines).toHaveLength(8);
    expect(lines[2]).toBe(`user_2,'=cmd2,u2@x.io,2026-01-01T00:00:00.000Z,,false,true,free,"[""a"",""b""]"`);
  });

  it("stops at the cap even when more rows exist", async () => {
    const calls: [number, number][] = [];
    const text = await readAll(
      usersCsvStream({
        metadataKeys: [],
        cap: 5,
        pageSize: 2,
        fetchPage: async (offset, limit) => {
          calls.push([offset, limit]);
          return { users: Array.from({ length: limit }, (_, i) => user(offset + i)) };
        },
      }),
    );
    expect(calls).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
    expect(text.trimEnd().split("\r\n")).toHaveLength(6);
  });
});

describe("exportCap", () => {
  it.each([
    ["", CSV_EXPORT_CAP],
    ["limit=25", 25],
    ["limit=0", CSV_EXPORT_CAP],
    ["limit=-3", 1],
    ["limit=abc", CSV_EXPORT_CAP],
    [`limit=${CSV_EXPORT_CAP + 1}`, CSV_EXPORT_CAP],
  ])("?%s streams at most %i rows", (query, cap) => {
    expect(exportCap(new URLSearchParams(query))).toBe(cap);
  });
});
