import type { BrowserContext } from "@playwright/test";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLocalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === "data:" || url.protocol === "blob:" || url.protocol === "about:") return true;
    return LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Intercepts every request of the browser context; anything not addressed to localhost is
 * aborted and recorded, so a test can assert that nothing left the machine.
 */
export async function guardOffline(context: BrowserContext): Promise<{ external: string[] }> {
  const external: string[] = [];
  const record = (method: string, url: string) => {
    const line = `${method} ${url}`;
    if (!external.includes(line)) external.push(line);
  };
  await context.route(
    (url) => !isLocalUrl(url.toString()),
    async (route) => {
      record(route.request().method(), route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  // Also catches what routing cannot see (e.g. requests from service workers).
  context.on("request", (req) => {
    if (!isLocalUrl(req.url())) record(req.method(), req.url());
  });
  return { external };
}
