import type { UserRecord } from "./types";

// Characters fold to 6-bit codes (a-z, 0-9, a few separators, one code for everything else), so a
// trigram is an 18-bit index into a flat array instead of a Map key. Folding only adds candidates,
// and every candidate is verified with `includes`.
const FOLD = new Uint8Array(65536).fill(63);
for (let c = 97; c <= 122; c++) FOLD[c] = c - 96;
for (let c = 48; c <= 57; c++) FOLD[c] = c - 48 + 27;
for (const [i, ch] of ["@", ".", "_", "-", " ", "\u0000", "+", "'"].entries())
  FOLD[ch.charCodeAt(0)] = 37 + i;
const GRAM_SPACE = 1 << 18;

function gram(text: string, i: number): number {
  return (
    ((FOLD[text.charCodeAt(i)] as number) << 12) |
    ((FOLD[text.charCodeAt(i + 1)] as number) << 6) |
    (FOLD[text.charCodeAt(i + 2)] as number)
  );
}

function grams(text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(gram(text, i));
  return out;
}

/**
 * Substring search over users' lowercase search text. Postings map each trigram to user slots;
 * a query is answered from its rarest trigram's postings, each candidate verified with
 * `includes`, so stale postings (after an edit) and deleted users simply fail verification.
 */
export class TrigramIndex {
  /** Postings from the bulk build, packed: slots of gram g are flat[offsets[g] .. offsets[g + 1]). */
  private offsets = new Int32Array(GRAM_SPACE + 1);
  private flat = new Int32Array(0);
  /** Postings added after the build (new users, edits). */
  private readonly extra: (number[] | undefined)[] = new Array(GRAM_SPACE);
  private readonly slotOf = new Map<string, number>();
  private readonly users: (UserRecord | undefined)[] = [];
  private readonly texts: string[] = [];
  private built = false;
  /** After an edit a slot can sit twice in one gram's postings; then results need de-duplication. */
  private edited = false;

  constructor(private readonly source: () => Iterable<[UserRecord, string]>) {}

  upsert(u: UserRecord, text: string): void {
    if (!this.built) return;
    const slot = this.slotOf.get(u.id);
    if (slot === undefined) {
      this.addSlot(u, text);
      for (const g of grams(text)) this.post(g, this.users.length - 1);
      return;
    }
    const before = grams(this.texts[slot] as string);
    this.users[slot] = u;
    this.texts[slot] = text;
    for (const g of grams(text)) {
      if (before.has(g)) continue;
      this.post(g, slot);
      this.edited = true;
    }
  }

  remove(u: UserRecord): void {
    const slot = this.slotOf.get(u.id);
    if (slot === undefined) return;
    this.users[slot] = undefined;
    this.texts[slot] = "";
    this.slotOf.delete(u.id);
  }

  /**
   * Users whose text contains `query` (lowercase, length >= 3), or undefined when the rarest
   * trigram is so common that a plain scan is as cheap.
   */
  candidates(query: string, maxPostings: number): UserRecord[] | undefined {
    this.build();
    let best = -1;
    let bestSize = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 3 <= query.length; i++) {
      const g = gram(query, i);
      const size = this.size(g);
      if (size === 0) return [];
      if (size < bestSize) {
        best = g;
        bestSize = size;
      }
    }
    if (best < 0 || bestSize > maxPostings) return undefined;
    const out: UserRecord[] = [];
    const seen = this.edited ? new Set<number>() : undefined;
    const visit = (slot: number) => {
      const u = this.users[slot];
      if (!u || !(this.texts[slot] as string).includes(query)) return;
      if (seen) {
        if (seen.has(slot)) return;
        seen.add(slot);
      }
      out.push(u);
    };
    const end = this.offsets[best + 1] as number;
    for (let k = this.offsets[best] as number; k < end; k++) visit(this.flat[k] as number);
    for (const slot of this.extra[best] ?? []) visit(slot);
    return out;
  }

  /** Two passes over typed arrays (count, then fill): no per-gram arrays for the bulk of users. */
  build(): void {
    if (this.built) return;
    this.built = true;
    for (const [u, text] of this.source()) this.addSlot(u, text);
    const counts = new Int32Array(GRAM_SPACE + 1);
    const last = new Int32Array(GRAM_SPACE).fill(-1);
    this.eachGram((g, slot) => {
      if (last[g] === slot) return;
      last[g] = slot;
      counts[g + 1] = (counts[g + 1] as number) + 1;
    });
    for (let g = 0; g < GRAM_SPACE; g++) counts[g + 1] = (counts[g + 1] as number) + (counts[g] as number);
    this.offsets = counts;
    this.flat = new Int32Array(counts[GRAM_SPACE] as number);
    const fill = counts.slice(0, GRAM_SPACE);
    last.fill(-1);
    this.eachGram((g, slot) => {
      if (last[g] === slot) return;
      last[g] = slot;
      const at = fill[g] as number;
      this.flat[at] = slot;
      fill[g] = at + 1;
    });
  }

  private eachGram(fn: (g: number, slot: number) => void): void {
    for (let slot = 0; slot < this.texts.length; slot++) {
      const text = this.texts[slot] as string;
      for (let i = 0; i + 3 <= text.length; i++) fn(gram(text, i), slot);
    }
  }

  private size(g: number): number {
    return (this.offsets[g + 1] as number) - (this.offsets[g] as number) + (this.extra[g]?.length ?? 0);
  }

  private addSlot(u: UserRecord, text: string): void {
    this.users.push(u);
    this.texts.push(text);
    this.slotOf.set(u.id, this.users.length - 1);
  }

  private post(g: number, slot: number): void {
    const p = this.extra[g];
    if (p) p.push(slot);
    else this.extra[g] = [slot];
  }
}
