// Automations under test with the real pieces: Local Clerk delivering Svix-signed webhooks over HTTP to
// the console's webhook handler, a real database, and firings run in-process on that database, each the
// way its workflow run's step does (runFiring once; waiting out another runner's lease is the workflow's
// part, covered with the production build in e2e/).

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/policy";
import { type FiringDeps, runFiring } from "@/lib/automations/run";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import { automationFirings } from "@/lib/db/schema";
import { handleClerkWebhook } from "@/lib/webhooks/clerk-webhook";
import { LOCAL_SECRET_KEY, LOCAL_WEBHOOK_SECRET } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { createTestDatabase, type TestDatabase } from "./db";

export interface AutomationHarness {
  lc: LocalClerkHandle;
  tdb: TestDatabase;
  deps: FiringDeps;
  admin: Actor;
  viewer: Actor;
  /** Webhook responses the handler gave, by svix-id. */
  responses: { svixId: string; status: number }[];
  /** Every firing id the handler started a run for (the app starts one workflow run per id). */
  started: string[];
  /** Waits until every firing run the webhooks started has finished. */
  idle(): Promise<void>;
  firingsOf(ruleId: string): Promise<(typeof automationFirings.$inferSelect)[]>;
  /** Backend API writes (non-GET /v1/ requests) Local Clerk served after `mark`. */
  writesSince(mark: number): number;
  mark(): number;
  stop(): Promise<void>;
}

/** The firings' runs, in this process and one after the other. */
export async function runFirings(ids: readonly string[], deps: FiringDeps): Promise<void> {
  for (const id of ids) await runFiring(deps, id);
}

export async function startAutomationHarness(): Promise<AutomationHarness> {
  const tdb = await createTestDatabase("pglite");
  const running: Promise<void>[] = [];
  const responses: AutomationHarness["responses"] = [];
  const started: string[] = [];
  let deps: FiringDeps | undefined;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await handleClerkWebhook(
      new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
      {
        db: tdb.db,
        signingSecret: LOCAL_WEBHOOK_SECRET,
        startFirings: (ids) => {
          started.push(...ids);
          if (deps) running.push(runFirings(ids, deps));
        },
      },
    );
    responses.push({ svixId: headers.get("svix-id") ?? "", status: response.status });
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const lc = await startLocalClerk({
    port: 0,
    quiet: true,
    seedUsers: 5,
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/clerk`,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    webhookRetryDelaysMs: [200, 500],
  });
  const clerk = createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
  const idOf = (email: string) => lc.state.users.findByEmail(email)?.id ?? "";
  const admin: Actor = { userId: idOf("admin@example.com"), email: "admin@example.com", role: "admin" };
  const viewer: Actor = { userId: idOf("viewer@example.com"), email: "viewer@example.com", role: "viewer" };
  deps = {
    db: tdb.db,
    ctx: actionContext({ clerk }),
    lookupOwner: async (id) =>
      id === admin.userId ? { role: "admin", email: admin.email } : { role: "viewer", email: null },
    allowPrivateMetadata: false,
  };
  const mark = () => lc.requestLog.list().at(-1)?.seq ?? 0;
  return {
    lc,
    tdb,
    deps,
    admin,
    viewer,
    responses,
    started,
    mark,
    writesSince: (seq) =>
      lc.requestLog.list({ sinceSeq: seq, pathPrefix: "/v1/" }).filter((e) => e.method !== "GET").length,
    async idle() {
      // Deliveries go out after the API call answers; wait for them, then for the runs they started.
      for (let i = 0; i < 200; i++) {
        const pending = lc.context.webhooks.deliveries.some((d) => d.status === "pending");
        const before = running.length;
        await Promise.all(running);
        if (!pending && running.length === before) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("webhooks or firings did not settle");
    },
    firingsOf: (ruleId) =>
      tdb.db.select().from(automationFirings).where(eq(automationFirings.ruleId, ruleId)),
    async stop() {
      await lc.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await tdb.destroy();
    },
  };
}
