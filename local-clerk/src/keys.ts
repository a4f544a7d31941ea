import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY_FILE = "signing-key.pem";

export interface RsaJwk {
  use: "sig";
  kty: "RSA";
  kid: string;
  alg: "RS256";
  n: string;
  e: string;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: RsaJwk;
  /** SPKI PEM ("BEGIN PUBLIC KEY"), usable as Clerk's `jwtKey` option. */
  publicKeyPem: string;
}

let current: SigningKey | undefined;

function fromPrivatePem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  // Derived from the key itself, so a new key always gets a new kid and cached JWKS miss instead of mismatching.
  const kid = `ins_${createHash("sha256").update(jwk.n).digest("hex").slice(0, 24)}`;
  return {
    kid,
    privateKey,
    publicJwk: { use: "sig", kty: "RSA", kid, alg: "RS256", n: jwk.n, e: jwk.e },
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** Loads the RSA-2048 key from dataDir (generating it on first start); in-memory when dataDir is undefined. */
export function loadSigningKey(dataDir?: string): SigningKey {
  if (!dataDir) {
    current = fromPrivatePem(generatePem());
    return current;
  }
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, generatePem(), { mode: 0o600 });
    renameSync(tmp, file);
  }
  current = fromPrivatePem(readFileSync(file, "utf8"));
  return current;
}

export function activeSigningKey(): SigningKey {
  if (!current) throw new Error("Local Clerk signing key not loaded; call loadSigningKey() first");
  return current;
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

/** RS256 JWT with `typ: JWT` and the key's kid. Uses the key loaded by the running server unless given one. */
export function signJwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
  key: SigningKey = activeSigningKey(),
): string {
  const h = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid, ...header }));
  const p = b64url(JSON.stringify(payload));
  const signature = sign("RSA-SHA256", Buffer.from(`${h}.${p}`), key.privateKey);
  return `${h}.${p}.${b64url(signature)}`;
}

export function jwksJson(key: SigningKey = activeSigningKey()): { keys: RsaJwk[] } {
  return { keys: [key.publicJwk] };
}
