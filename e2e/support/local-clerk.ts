import { LOCAL_SECRET_KEY, localClerkUrl, SEEDED_ACCOUNTS } from "../../local-clerk/src/app-env";

// Same defaults as playwright.config.ts.
export const LOCAL_CLERK_URL = localClerkUrl(Number(process.env.E2E_LOCAL_CLERK_PORT ?? 4510));

export type SeededRole = (typeof SEEDED_ACCOUNTS)[number]["role"];

export function seededAccount(role: SeededRole) {
  const account = SEEDED_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no seeded account with role ${role}`);
  return account;
}

/** Calls Local Clerk's Backend API (or its /__local_clerk hooks) with the secret key, like @clerk/backend does. */
export async function bapi<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${LOCAL_CLERK_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Local Clerk ${method} ${path} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A user's public metadata as Clerk stores it now. */
export async function publicMetadataOf(userId: string): Promise<Record<string, unknown>> {
  return (await bapi<{ public_metadata: Record<string, unknown> }>("GET", `/v1/users/${userId}`))
    .public_metadata;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A fresh user (own email, so tests never share sessions or token lifetimes with other specs). */
export async function createUser(opts: {
  label: string;
  role?: "admin" | "support" | "viewer";
  banned?: boolean;
  tokenTtlSeconds?: number;
}): Promise<TestUser> {
  const email = `e2e-${opts.label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = `pw-${Math.random().toString(36).slice(2)}-long`;
  const user = await bapi<{ id: string }>("POST", "/v1/users", {
    email_address: [email],
    password,
    first_name: "E2E",
    last_name: opts.label,
    public_metadata: opts.role ? { role: opts.role } : {},
  });
  if (opts.banned) await bapi("POST", `/v1/users/${user.id}/ban`);
  if (opts.tokenTtlSeconds) await setTokenTtl(user.id, opts.tokenTtlSeconds);
  return { id: user.id, email, password };
}

/** Session tokens of this user only get this lifetime (Local Clerk test hook; null restores the default). */
export async function setTokenTtl(userId: string, seconds: number | null): Promise<void> {
  await bapi("POST", "/__local_clerk/fapi/token_ttl", { user_id: userId, seconds });
}

export async function revokeSession(sessionId: string): Promise<{ status: string }> {
  return bapi("POST", `/v1/sessions/${sessionId}/revoke`);
}
