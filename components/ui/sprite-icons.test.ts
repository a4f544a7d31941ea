import { describe, expect, it } from "vitest";
import { spriteSvg } from "./sprite-icons";

describe("icon sprite", () => {
  it("draws every icon from lucide-react's data, one symbol each, with at least one shape", () => {
    const svg = spriteSvg();
    const symbols = [...svg.matchAll(/<symbol id="([a-z0-9-]+)" viewBox="0 0 24 24">(.*?)<\/symbol>/g)];
    expect(symbols.length).toBeGreaterThan(10);
    for (const [, id, body] of symbols) {
      expect(body, id).toMatch(/^(<(path|circle|rect|line|polyline|polygon|ellipse) [^>]+\/>)+$/);
    }
    expect(svg).toContain('<symbol id="users" viewBox="0 0 24 24"><path d="M16 21v-2a4 4 0 0 0-4-4H6');
  });
});
