import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A hostile page on another localhost port (same site as the console, so Clerk's SameSite=Lax cookies
// still ride along): it auto-submits a form or fires a no-cors fetch at the console.

export type AttackKind = "form-text" | "form-urlencoded" | "form-multipart" | "fetch-text";

export interface Attack {
  kind: AttackKind;
  method: string;
  target: string;
  /** For forms: each field; a text/plain form sends `name=value`, so a JSON body is split at its first `=`. */
  fields: [string, string][];
  /** For fetch: the raw body. */
  body?: string;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** A JSON body as one text/plain form field: `{"a":"x=y"}` -> name `{"a":"x`, value `y"}`. */
export function jsonAsTextPlainField(json: string): [string, string] {
  const at = json.indexOf("=");
  if (at < 0) throw new Error(`the JSON body needs a "=" inside a string: ${json}`);
  return [json.slice(0, at), json.slice(at + 1)];
}

function page(attack: Attack): string {
  if (attack.kind === "fetch-text") {
    const init = {
      method: attack.method,
      mode: "no-cors",
      credentials: "include",
      headers: { "content-type": "text/plain" },
      body: attack.body ?? "",
    };
    return `<!doctype html><title>fetch</title><script>
      fetch(${JSON.stringify(attack.target)}, ${JSON.stringify(init)})
        .then(() => { document.title = "sent"; }, () => { document.title = "sent"; });
    </script>`;
  }
  const enctype = {
    "form-text": "text/plain",
    "form-urlencoded": "application/x-www-form-urlencoded",
    "form-multipart": "multipart/form-data",
  }[attack.kind];
  const inputs = attack.fields
    .map(([n, v]) => `<input type="hidden" name="${esc(n)}" value="${esc(v)}">`)
    .join("");
  return `<!doctype html><title>form</title><form method="post" enctype="${enctype}" action="${esc(attack.target)}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

export interface CrossSiteServer {
  origin: string;
  /** URL of a page that performs `attack` as soon as it loads. */
  urlFor(attack: Attack): string;
  close(): Promise<void>;
}

/** Serves attack pages on `port` (falls back to a free port when it is taken). */
export async function startCrossSiteServer(port: number): Promise<CrossSiteServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = url.searchParams.get("a");
    if (!raw) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(page(JSON.parse(raw) as Attack));
  });
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(port).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== "EADDRINUSE") throw err;
    await listen(0);
  });
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    urlFor: (attack) => `${origin}/attack?${new URLSearchParams({ a: JSON.stringify(attack) })}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
