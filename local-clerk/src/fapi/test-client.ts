// A tiny cookie-keeping FAPI client for tests: it talks to Local Clerk the way the app's proxy
// would (form bodies, `_method`, X-Forwarded-Host), keeping Set-Cookie values like a browser.
export class FapiTestClient {
  readonly jar = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(
    readonly baseUrl: string,
    readonly appOrigin = "http://localhost:3999",
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
