// One console server as the page benches see it: a view as a document or as an in-app navigation (RSC
// with the router state a real client sends), timed at the client, with the BAPI requests it made and
// the time Local Clerk spent answering them; and what a page's HTML is made of.
import { gzipSync } from "node:zlib";
import type { startLocalClerk } from "../../local-clerk/src/index";
import type { RequestLogEntry } from "../../local-clerk/src/request-log";
import { bapiWallMs, isBapi } from "./bapi-time";
import type { ConsoleServer } from "./console-server";

export interface Sample {
  total: number;
  bapi: number;
  bytes: number;
  body: string;
  /** The BAPI requests the view made. */
  entries: RequestLogEntry[];
}

export interface Probe {
  view(path: string, kind?: "document" | "rsc"): Promise<Sample>;
}

type LocalClerk = Awaited<ReturnType<typeof startLocalClerk>>;

export function probe(opts: {
  lc: LocalClerk;
  server: ConsoleServer;
  cookie: string;
  /** Needed for "rsc" views. */
  nav?: { headers: Record<string, string>; rscKey: string };
  /** What a view's body must hold (a rendered table), else the view throws. */
  expect?: (path: string, body: string, kind: "document" | "rsc") => boolean;
}): Probe {
  const { lc, server, cookie, nav, expect = usersTable } = opts;
  return {
    async view(path, kind = "document") {
      const seq = lc.requestLog.list().at(-1)?.seq ?? 0;
      const rsc = kind === "rsc" ? nav : undefined;
      if (kind === "rsc" && !rsc) throw new Error("an rsc view needs the navigation headers");
      const url = rsc
        ? `${server.url}${path}${path.includes("?") ? "&" : "?"}_rsc=${rsc.rscKey}`
        : `${server.url}${path}`;
      const t0 = performance.now();
      const res = await fetch(url, {
        headers: rsc
          ? { ...rsc.headers, cookie }
          : { cookie, accept: "text/html", "sec-fetch-dest": "document" },
        redirect: "manual",
      });
      const body = await res.text();
      const total = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} (${kind}) -> ${res.status} ${body.slice(0, 200)}`);
      if (!expect(path, body, kind)) throw new Error(`${path} (${kind}) rendered not what was expected`);
      await new Promise((r) => setTimeout(r, 5)); // log entries are written when responses close
      const entries = lc.requestLog.list({ sinceSeq: seq }).filter(isBapi);
      return { total, bapi: bapiWallMs(entries), bytes: Buffer.byteLength(body), body, entries };
    },
  };
}

function usersTable(path: string, body: string, kind: "document" | "rsc"): boolean {
  return (
    !path.startsWith("/users") ||
    body.includes(kind === "rsc" ? '"id":"user_' : 'data-testid="users-table"') ||
    body.includes("users-empty")
  );
}

const bytesOf = (parts: readonly string[]) => parts.reduce((n, s) => n + Buffer.byteLength(s), 0);

/** A document's size and what it is made of (inline RSC payload, class attributes, SVG, skeleton). */
export async function pageWeight(p: Probe, path: string) {
  const { body, bytes } = await p.view(path);
  const rscScripts = body.match(/<script>self\.__next_f\.push\([\s\S]*?<\/script>/g) ?? [];
  const classes = body.match(/ class="[^"]*"/g) ?? [];
  const svgs = body.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  const skeleton = (body.match(/data-slot="skeleton"/g) ?? []).length;
  const hiddenStream = /<div hidden id="S:\d+">/.test(body);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const note = [
    `inline RSC ${kb(bytesOf(rscScripts))}`,
    `class attributes ${kb(bytesOf(classes))}`,
    `svg ${kb(bytesOf(svgs))}`,
    `skeleton elements ${skeleton}`,
    `streamed into a hidden div: ${hiddenStream ? "yes" : "no"}`,
  ].join(", ");
  return { bytes, gzip: gzipSync(body, { level: 6 }).length, note };
}
