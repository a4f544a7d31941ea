import type { UserRecord } from "./types";

/** Small-integer key for the 3 chars at i; folding codes to 10 bits only adds false candidates, which verification drops. */
function gram(text: string, i: number): number {
  return (
    ((text.charCodeAt(i) & 0x3ff) << 20) |
    ((text.charCodeAt(i + 1) & 0x3ff) << 10) |
    (text.charCodeAt(i + 2) & 0x3ff)
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
  private readonly postings = new Map<number, number[]>();
  private readonly slotOf = new Map<string, number>();
  private readonly users: (UserRecord | undefined)[] = [];
  private readonly texts: string[] = [];
  private built = false;
  /** After an edit a slot can sit twice in one posting list; then results need de-duplication. */
  private edited = false;

  constructor(private readonly source: () => Iterable<[UserRecord, string]>) {}

  upsert(u: UserRecord, text: string): void {
    if (!this.built) return;
    const slot = this.slotOf.get(u.id);
    if (slot === undefined) {
      this.add(u, text);
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
    let best: number[] | undefined;
    for (let i = 0; i + 3 <= query.length; i++) {
      const p = this.postings.get(gram(query, i));
      if (!p) return [];
      if (!best || p.length < best.length) best = p;
    }
    if (!best || best.length > maxPostings) return undefined;
    const out: UserRecord[] = [];
    const seen = this.edited ? new Set<number>() : undefined;
    for (const slot of best) {
      const u = this.users[slot];
      if (!u || !(this.texts[slot] as string).includes(query)) continue;
      if (seen) {
        if (seen.has(slot)) continue;
        seen.add(slot);
      }
      out.push(u);
    }
    return out;
  }

  build(): void {
    if (this.built) return;
    this.built = true;
    for (const [u, text] of this.source()) this.add(u, text);
  }

  private add(u: UserRecord, text: string): void {
    const slot = this.users.length;
    this.users.push(u);
    this.texts.push(text);
    this.slotOf.set(u.id, slot);
    for (let i = 0; i + 3 <= text.length; i++) {
      const g = gram(text, i);
      const p = this.postings.get(g);
      // Grams of one user are added together, so a repeat within this text is the last entry.
      if (!p) this.postings.set(g, [slot]);
      else if (p[p.length - 1] !== slot) p.push(slot);
    }
  }

  private post(g: number, slot: number): void {
    const p = this.postings.get(g);
    if (p) p.push(slot);
    else this.postings.set(g, [slot]);
  }
}
