import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const KEYLEN = 32;
// Cheaper than the default N=16384: this is a local emulator, and tests hash many passwords.
const COST = { N: 4096, r: 8, p: 1 };

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, KEYLEN, COST);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export function verifyPasswordHash(password: string, stored: string): boolean {
  const [scheme, saltB64, hashB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = scryptSync(password, Buffer.from(saltB64, "base64"), expected.length, COST);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
