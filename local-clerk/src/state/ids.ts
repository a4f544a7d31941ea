import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Clerk-style id: prefix + 27 base62 characters. `rand` lets the seed be deterministic. */
export function newId(prefix: string, rand?: () => number): string {
  let out = `${prefix}_`;
  if (rand) {
    for (let i = 0; i < 27; i++) out += ALPHABET[Math.floor(rand() * 62)];
    return out;
  }
  const bytes = randomBytes(27);
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}
