import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";
import { LOCAL_WEBHOOK_SECRET } from "../../local-clerk/src/app-env";

// biome-ignore lint/suspicious/noExplicitAny: raw webhook JSON under test
export type ReceivedEvent = { type: string; object: string; data: Record<string, any> };

/** A real HTTP endpoint for Local Clerk's webhooks; `until(types)` waits for Svix-verified events. */
export async function startWebhookReceiver(secret = LOCAL_WEBHOOK_SECRET) {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const events = () =>
    received.map((r) => {
      new Webhook(secret).verify(r.body, r.headers);
      return JSON.parse(r.body) as ReceivedEvent;
    });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    events,
    async until(types: string[], timeoutMs = 15_000): Promise<ReceivedEvent[]> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const all = events();
        const missing = types.filter((t) => !all.some((e) => e.type === t));
        if (missing.length === 0) return all;
        if (Date.now() > end) throw new Error(`missing webhooks: ${missing.join(", ")}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
