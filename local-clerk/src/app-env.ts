// The env vars that point the unmodified Clerk SDKs in the Next app at Local Clerk.
// Production sets real Clerk keys instead and none of the LOCAL_CLERK_* variables.
export const LOCAL_PUBLISHABLE_KEY = "pk_live_Y2xlcmsubG9jYWwtY2xlcmsudGVzdCQ"; // base64("clerk.local-clerk.test$")
export const LOCAL_FRONTEND_API_HOST = "clerk.local-clerk.test";
export const LOCAL_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
export const LOCAL_WEBHOOK_SECRET = "whsec_bG9jYWwtY2xlcmstd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ";
export const LOCAL_TOOL_APPROVAL_SECRET = "local-approval-secret-0123456789abcdef0123456789abcdef";
export const DEFAULT_LOCAL_CLERK_PORT = 4500;
export const DEFAULT_APP_PORT = 3000;

export const SEEDED_ACCOUNTS = [
  { role: "admin", email: "admin@example.com", password: "admin-password-123" },
  { role: "viewer", email: "viewer@example.com", password: "viewer-password-123" },
  { role: "member", email: "member@example.com", password: "member-password-123" },
  { role: "support", email: "support@example.com", password: "support-password-123" },
] as const;

export function localClerkUrl(port: number = DEFAULT_LOCAL_CLERK_PORT): string {
  return `http://127.0.0.1:${port}`;
}

/** Env for building and running the console against Local Clerk. NEXT_PUBLIC_* are inlined at build time. */
export function appEnvForLocalClerk(port: number = DEFAULT_LOCAL_CLERK_PORT): Record<string, string> {
  const url = localClerkUrl(port);
  return {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: LOCAL_PUBLISHABLE_KEY,
    NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk",
    NEXT_PUBLIC_CLERK_SIGN_IN_URL: "/sign-in",
    CLERK_SECRET_KEY: LOCAL_SECRET_KEY,
    CLERK_API_URL: url,
    LOCAL_CLERK_URL: url,
    // Read by clerkMiddleware's frontendApiProxy (proxy.ts enables it only for Local Clerk).
    CLERK_FAPI_URL: url,
    CLERK_WEBHOOK_SIGNING_SECRET: LOCAL_WEBHOOK_SECRET,
    TOOL_APPROVAL_SECRET: LOCAL_TOOL_APPROVAL_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
