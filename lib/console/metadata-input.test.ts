import { describe, expect, it } from "vitest";
import { parseMetadataInput } from "./metadata-input";

describe("parseMetadataInput", () => {
  it("accepts a JSON object", () => {
    expect(parseMetadataInput('{"plan":"pro","n":null}')).toEqual({
      ok: true,
      value: { plan: "pro", n: null },
    });
  });
  it.each([
    ["", /Enter a JSON object/],
    ["{plan: pro}", /^Invalid JSON/],
    ["[1,2]", /must be a JSON object/],
    ["42", /must be a JSON object/],
    ["null", /must be a JSON object/],
  ])("refuses %j with a clear message", (text, message) => {
    const r = parseMetadataInput(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
