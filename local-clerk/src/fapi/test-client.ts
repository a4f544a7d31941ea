// A tiny cookie-keeping FAPI client for tests: it talks to Local Clerk the way the app's proxy
// would (form bodies, `_method`, X-Forwarded-Host), keeping Set-Cookie values like a browser.
export class FapiTestClient {
  readonly jar = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(
    readonly baseUrl: string,
    readonly appOrigin = "http://localhost:3999",
    /** Sent with every request: a browser's place and device (X-Forwarded-For, User-Agent). */
    readonly headers: Record<string, string> = {},
  ) {}

  async request(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...(method === "POST" ? { origin: this.appOrigin } : {}),
        "x-forwarded-host": new URL(this.appOrigin).host,
        "x-forwarded-proto": "http",
        ...this.headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      if (attrs.some((a) => a === "Max-Age=0")) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  async json<T = Record<string, unknown>>(
    method: "GET" | "POST",
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, form);
    return { status: res.status, body: (await res.json()) as T };
  }
}

const FAPI_Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";

// biome-ignore lint/suspicious/noExplicitAny: raw FAPI JSON
type Json = Record<string, any>;

/** A password sign-in through FAPI (what <SignIn/> does); returns the new session's id. */
export async function passwordSignIn(c: FapiTestClient, email: string, password: string): Promise<string> {
  const start = await c.json<Json>("POST", `/v1/client/sign_ins${FAPI_Q}`, { identifier: email });
  const done = await c.json<Json>(
    "POST",
    `/v1/client/sign_ins/${start.body.response?.id}/attempt_first_factor${FAPI_Q}`,
    { strategy: "password", password },
  );
  const sessionId = done.body.response?.created_session_id as string | undefined;
  if (!sessionId) throw new Error(`FAPI sign-in failed: ${JSON.stringify(done.body).slice(0, 300)}`);
  return sessionId;
}

/**
 * Signs `email` in through FAPI with a password and returns the Cookie header the
 * browser would send to the app: `__session` (the session JWT, alive for Local Clerk's token TTL) and
 * `__client_uat*`. Call again to refresh.
 */
export async function signInOverFapi(
  clerkUrl: string,
  appOrigin: string,
  email: string,
  password: string,
): Promise<string> {
  const c = new FapiTestClient(clerkUrl, appOrigin);
  const sessionId = await passwordSignIn(c, email, password);
  const token = await c.json<Json>("POST", `/v1/client/sessions/${sessionId}/tokens${FAPI_Q}`);
  const jwt = token.body.jwt as string | undefined;
  if (!jwt) throw new Error(`no session token: ${JSON.stringify(token.body).slice(0, 300)}`);
  const uat = [...c.jar].filter(([k]) => k.startsWith("__client_uat"));
  if (uat.length === 0) throw new Error("FAPI set no __client_uat cookie");
  return [`__session=${jwt}`, ...uat.map(([k, v]) => `${k}=${v}`)].join("; ");
}
