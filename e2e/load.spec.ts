// Load campaign: concurrent signed-in admin sessions against the real `next start` build and Local Clerk
// (playwright.config.ts's web servers), on the users page, user pages, server actions (a read and an
// idempotent metadata write) and the chat route with the offline model. 0 errors; p95 per step and the
// server's memory before/after are printed. Reduced in `npm test`; `npm run campaign:load` = 50 sessions x 60 s.
import { expect, test } from "@playwright/test";
import { FULL } from "../campaigns/size";
import { pidListeningOn, rssMb, runLoad, type Step, summarize } from "../campaigns/support/load-driver";
import { type ConsoleSession, newAdminSession } from "../campaigns/support/session";
import { LOCAL_CLERK_URL } from "./support/local-clerk";
import { serverActionId } from "./support/server-actions";

const SESSIONS = Number(process.env.LOAD_SESSIONS ?? (FULL ? 50 : 8));
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? (FULL ? 60 : 10)) * 1000;
const MAX_REQUESTS = FULL ? 50_000 : 2_000;
// Stated bound: the server may grow by at most this much over a run (caches warm up, no leak per request).
const RSS_GROWTH_BOUND_MB = Number(process.env.LOAD_RSS_BOUND_MB ?? 400);

test.describe.configure({ mode: "serial" });
test.setTimeout(DURATION_MS + 240_000);

test("concurrent admin sessions: 0 errors, p95 and memory reported", async ({ baseURL }) => {
  const origin = baseURL ?? "http://localhost:3100";
  const port = Number(new URL(origin).port);
  const saveId = serverActionId("lib/actions/users.ts", "saveUserMetadataAction");
  const countId = serverActionId("lib/actions/approvals.ts", "pendingApprovalsCountAction");

  const sessions: (ConsoleSession & { updatedAt: number })[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const s = await newAdminSession(LOCAL_CLERK_URL, origin, `load${i}`, Math.ceil(DURATION_MS / 1000) + 600);
    sessions.push({ ...s, updatedAt: 0 });
  }
  const headers = (s: ConsoleSession, extra: Record<string, string> = {}) => ({
    cookie: s.cookie,
    connection: "close",
    ...extra,
  });
  const page = async (s: ConsoleSession, path: string) => {
    const res = await fetch(`${origin}${path}`, { headers: headers(s), redirect: "manual" });
    const body = await res.text();
    return { status: res.status, ok: res.status === 200 && !body.includes("Something went wrong") };
  };
  const action = async (s: ConsoleSession, pagePath: string, id: string, args: unknown[]) => {
    const res = await fetch(`${origin}${pagePath}`, {
      method: "POST",
      redirect: "manual",
      headers: headers(s, {
        "Next-Action": id,
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        Origin: origin,
      }),
      body: JSON.stringify(args),
    });
    const text = await res.text();
    const row = text
      .split("\n")
      .map((l) => /^[0-9a-f]+:(\{.*\})$/.exec(l)?.[1])
      .filter((j): j is string => Boolean(j))
      .map((j) => JSON.parse(j) as Record<string, unknown>)
      .find((v) => "ok" in v);
    return { status: res.status, row };
  };

  // Warm every route once (first compile of server chunks, DB open) so "before" is a steady state.
  const first = sessions[0];
  if (!first) throw new Error("no sessions");
  for (const path of ["/users", `/users/${first.userId}`, "/chat"])
    expect((await page(first, path)).status).toBe(200);
  const pid = pidListeningOn(port);
  expect(pid, `process listening on ${port}`).toBeDefined();
  const rssBefore = rssMb(pid as number);

  const steps = (s: ConsoleSession & { updatedAt: number }, it: number): Step[] => [
    { name: "users page", run: () => page(s, `/users?q=${["acme", "example", "a"][it % 3]}`) },
    { name: "user page", run: () => page(s, `/users/${s.userId}`) },
    {
      name: "action: pending count (read)",
      run: async () => {
        const r = await action(s, "/users", countId, [{}]);
        return {
          status: r.status,
          ok: r.status === 200 && r.row?.ok === true,
          detail: JSON.stringify(r.row),
        };
      },
    },
    {
      name: "action: save same metadata (write)",
      run: async () => {
        const r = await action(s, `/users/${s.userId}`, saveId, [
          {
            user_id: s.userId,
            kind: "public",
            patch: '{"load_campaign":"steady"}',
            expected_updated_at: s.updatedAt,
          },
        ]);
        const data = (r.row?.data ?? (r.row as { fresh?: unknown })?.fresh) as
          | { updatedAt?: number }
          | undefined;
        if (data?.updatedAt) s.updatedAt = data.updatedAt;
        // The first save learns updated_at from the conflict answer (nothing written); after that it saves.
        const conflictOnce =
          r.row?.ok === false && (r.row.error as { code?: string })?.code === "conflict" && it === 0;
        return {
          status: r.status,
          ok: r.status === 200 && (r.row?.ok === true || conflictOnce),
          detail: JSON.stringify(r.row).slice(0, 300),
        };
      },
    },
    {
      name: "chat (offline model)",
      run: async () => {
        const res = await fetch(`${origin}/api/chat`, {
          method: "POST",
          headers: headers(s, { "content-type": "application/json", origin }),
          body: JSON.stringify({
            chatId: `load_${s.userId.slice(-12)}_${it}`,
            message: { text: `show ${s.email}` },
          }),
        });
        const text = await res.text();
        return {
          status: res.status,
          ok: res.status === 200 && text.includes(s.email),
          detail: text.slice(0, 200),
        };
      },
    },
  ];

  const started = Date.now();
  const samples = await runLoad({ sessions, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS, steps });
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  const rssAfter = rssMb(pid as number);

  const table = summarize(samples);
  const errors = samples.filter((s) => s.error);
  console.log(
    `load campaign: ${SESSIONS} sessions, ${seconds.toFixed(1)} s, ${samples.length} requests (${(samples.length / seconds).toFixed(1)}/s), ${errors.length} errors`,
  );
  for (const row of table)
    console.log(
      `  ${row.name.padEnd(36)} n=${row.requests} errors=${row.errors} p50=${row.p50} ms p95=${row.p95} ms`,
    );
  console.log(
    `  server RSS before ${rssBefore} MB, after ${rssAfter} MB (growth ${rssAfter - rssBefore} MB, bound ${RSS_GROWTH_BOUND_MB} MB)`,
  );

  expect(errors.slice(0, 5), "errors").toEqual([]);
  expect(table.map((r) => r.name)).toHaveLength(5);
  expect(rssAfter - rssBefore).toBeLessThanOrEqual(RSS_GROWTH_BOUND_MB);
});
