import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CAMPAIGNS } from "./campaigns";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
  .scripts;

describe("campaigns", () => {
  it.each(Object.entries(CAMPAIGNS))("%s runs only files that exist", (_name, steps) => {
    const files = steps.flatMap((s) => s.files);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !existsSync(f))).toEqual([]);
  });

  it("every campaign:* npm script names a known campaign, and every campaign has its script", () => {
    const named = Object.entries(scripts)
      .filter(([key]) => key.startsWith("campaign:"))
      .map(([key, command]) => ({ key, campaign: /scripts\/campaign\.ts (\S+)$/.exec(command)?.[1] }));
    expect(named.filter((n) => !n.campaign || !(n.campaign in CAMPAIGNS))).toEqual([]);
    expect(Object.keys(CAMPAIGNS).sort()).toEqual(named.map((n) => n.campaign).sort());
  });
});
