import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Colours go through the theme tokens in app/globals.css (bg-background, text-muted-foreground, ...):
// a Tailwind palette class or an arbitrary colour value would not follow dark mode.

const ROOT = join(import.meta.dirname, "..", "..");
const SCANNED = ["app", "components"];
const EXCLUDED = ["components/ui"];

const PALETTES =
  "slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose";
const UTILITIES =
  "bg|text|border(?:-[xytrblse])?|divide|outline|ring|ring-offset|inset-ring|shadow|inset-shadow|drop-shadow|text-shadow|fill|stroke|from|via|to|decoration|accent|caret|placeholder";

const PALETTE_CLASS = new RegExp(
  String.raw`(?<![\w-])(?:[\w\[\]=&>*.:-]+:)?!?(?:${UTILITIES})-(?:(?:${PALETTES})-(?:50|[1-9]00|950)|white|black)(?:\/\d+)?(?![\w-])` +
    String.raw`|(?<![\w-])(?:[\w\[\]=&>*.:-]+:)?!?(?:${UTILITIES})-\[(?:#|rgba?\(|hsla?\(|oklch\(|oklab\(|color-mix\()`,
  "g",
);

function paletteClasses(source: string): string[] {
  return [...source.matchAll(PALETTE_CLASS)].map((m) => m[0]);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (EXCLUDED.includes(path)) continue;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(tsx?|css)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

describe("palette classes", () => {
  it("recognises palette and arbitrary colour classes, and not token classes", () => {
    expect(
      paletteClasses(
        'className="bg-zinc-50 hover:bg-red-500/30 aria-[current=page]:bg-zinc-900 text-white ' +
          "focus-visible:ring-zinc-950/20 divide-zinc-200 stroke-zinc-200 border-t-amber-300 bg-[#fafafa] " +
          '[&>tr]:hover:bg-zinc-50 bg-white/95"\n@apply bg-zinc-50 text-zinc-900;',
      ),
    ).toEqual([
      "bg-zinc-50",
      "hover:bg-red-500/30",
      "aria-[current=page]:bg-zinc-900",
      "text-white",
      "focus-visible:ring-zinc-950/20",
      "divide-zinc-200",
      "stroke-zinc-200",
      "border-t-amber-300",
      "bg-[#",
      "[&>tr]:hover:bg-zinc-50",
      "bg-white/95",
      "bg-zinc-50",
      "text-zinc-900",
    ]);
    expect(
      paletteClasses(
        'className="bg-background text-muted-foreground border-border bg-destructive/10 text-destructive ' +
          'ring-ring/50 whitespace-nowrap border-b text-sm bg-[var(--card)] text-xs" // red-50 and white text',
      ),
    ).toEqual([]);
  });

  it("app/ and components/ use theme tokens, not palette colours", () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, i) => paletteClasses(line).map((cls) => `${file}:${i + 1} ${cls}`)),
    );
    expect(found).toEqual([]);
  });
});
