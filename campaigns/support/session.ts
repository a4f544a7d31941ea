// Signed-in console sessions without a browser: a user created through BAPI, signed in through Local
// Clerk's FAPI with a password (what <SignIn/> does), giving the cookies the middleware reads.
import { LOCAL_SECRET_KEY, SEEDED_ACCOUNTS } from "../../local-clerk/src/app-env";
import { signInOverFapi } from "../../local-clerk/src/fapi/test-client";

// biome-ignore lint/suspicious/noExplicitAny: raw Clerk JSON
type Json = Record<string, any>;

export async function bapiAt<T = Json>(
  clerkUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${clerkUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Local Clerk ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface ConsoleSession {
  userId: string;
  email: string;
  /** Cookie header (`__session` + `__client_uat*`) for requests to the app. */
  cookie: string;
}

/** A fresh admin (own user, own session) whose tokens live `tokenTtlSeconds` so a long run needs no refresh. */
export async function newAdminSession(
  clerkUrl: string,
  appOrigin: string,
  label: string,
  tokenTtlSeconds = 900,
): Promise<ConsoleSession> {
  const email = `campaign-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = `pw-${Math.random().toString(36).slice(2)}-campaign`;
  const user = await bapiAt<{ id: string }>(clerkUrl, "POST", "/v1/users", {
    email_address: [email],
    password,
    first_name: "Campaign",
    last_name: label,
    public_metadata: { role: "admin" },
    private_metadata: { campaign_private: "never-in-a-response" },
  });
  await bapiAt(clerkUrl, "POST", "/__local_clerk/fapi/token_ttl", {
    user_id: user.id,
    seconds: tokenTtlSeconds,
  });
  return { userId: user.id, email, cookie: await signInOverFapi(clerkUrl, appOrigin, email, password) };
}

export function seededAdmin() {
  const admin = SEEDED_ACCOUNTS.find((a) => a.role === "admin");
  if (!admin) throw new Error("no seeded admin");
  return admin;
}
