import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { changeEvents } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import { latestChangeEventId } from "./change-events";
import { ChangeHub, createChangeEventStream } from "./event-stream";

/** What the webhook handler does for each event it stores: one row in change_events. */
async function publishChange(change: { kind: string; userId: string }, db: Db): Promise<void> {
  await db.insert(changeEvents).values({ kind: change.kind, userId: change.userId });
}

type Received = { id: number; kind: string; user_id: string | null };

/** Reads SSE frames from a stream until `until` says stop (or the deadline passes). */
async function readFrames(
  stream: ReadableStream<Uint8Array>,
  until: (events: Received[], raw: string) => boolean,
  timeoutMs = 10_000,
): Promise<{ events: Received[]; raw: string }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let raw = "";
  const events: Received[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
      ]);
      if (next === null || next.done) break;
      raw += decoder.decode(next.value, { stream: true });
      events.length = 0;
      for (const frame of raw.split("\n\n")) {
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (frame.includes("event: change") && data) events.push(JSON.parse(data.slice(6)) as Received);
      }
      if (until(events, raw)) break;
    }
  } finally {
    await reader.cancel();
  }
  return { events, raw };
}

describe.each(testDrivers())("change event stream on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("pushes changes published after connecting, as `event: change` frames with {kind, user_id}", async () => {
    const hub = new ChangeHub(async () => t.db, 50);
    await publishChange({ kind: "user.updated", userId: "user_before" }, t.db);
    const stream = createChangeEventStream({ hub, db: t.db, heartbeatMs: 60_000 });
    // One after the other: two concurrent inserts over a pg pool may take their ids in either order.
    setTimeout(() => {
      void publishChange({ kind: "user.updated", userId: "user_1" }, t.db).then(() =>
        publishChange({ kind: "user.deleted", userId: "user_2" }, t.db),
      );
    }, 300);
    const { events, raw } = await readFrames(stream, (ev) => ev.length >= 2);
    expect(raw.startsWith("retry: 3000\n")).toBe(true);
    expect(events.map((e) => [e.kind, e.user_id])).toEqual([
      ["user.updated", "user_1"],
      ["user.deleted", "user_2"],
    ]);
    expect(events[1]!.id).toBeGreaterThan(events[0]!.id);
  });

  it("two streams share one hub and both see every change", async () => {
    const hub = new ChangeHub(async () => t.db, 50);
    const a = createChangeEventStream({ hub, db: t.db });
    const b = createChangeEventStream({ hub, db: t.db });
    setTimeout(() => void publishChange({ kind: "user.created", userId: "user_shared" }, t.db), 300);
    const [ra, rb] = await Promise.all([
      readFrames(a, (ev) => ev.some((e) => e.user_id === "user_shared")),
      readFrames(b, (ev) => ev.some((e) => e.user_id === "user_shared")),
    ]);
    expect(ra.events.map((e) => e.user_id)).toContain("user_shared");
    expect(rb.events.map((e) => e.user_id)).toContain("user_shared");
  });

  it("replays what a reconnecting client missed after its Last-Event-ID, without repeats", async () => {
    const hub = new ChangeHub(async () => t.db, 50);
    const last = await latestChangeEventId(t.db);
    await publishChange({ kind: "user.updated", userId: "missed_1" }, t.db);
    await publishChange({ kind: "user.updated", userId: "missed_2" }, t.db);
    const stream = createChangeEventStream({ hub, db: t.db, lastEventId: last });
    setTimeout(() => void publishChange({ kind: "user.updated", userId: "live_3" }, t.db), 400);
    const { events } = await readFrames(stream, (ev) => ev.some((e) => e.user_id === "live_3"));
    expect(events.map((e) => e.user_id)).toEqual(["missed_1", "missed_2", "live_3"]);
  });

  it("delivers an id that commits after a higher one (sequence gap filled later)", async () => {
    const hub = new ChangeHub(async () => t.db, 50);
    const base = await latestChangeEventId(t.db);
    const stream = createChangeEventStream({ hub, db: t.db });
    setTimeout(async () => {
      // Simulates two transactions: id base+1000 commits first, base+999 a moment later.
      await t.db.insert(changeEvents).values({ id: base + 1000, kind: "late.second", userId: "u2" });
      // Drizzle builders run only when awaited, hence the explicit then().
      setTimeout(() => {
        t.db
          .insert(changeEvents)
          .values({ id: base + 999, kind: "late.first", userId: "u1" })
          .then(() => {});
      }, 300);
    }, 300);
    const { events } = await readFrames(stream, (ev) => ev.length >= 2);
    expect(events.map((e) => e.kind)).toEqual(["late.second", "late.first"]);
  });

  it("sends heartbeat comments and stops when the client aborts", async () => {
    const hub = new ChangeHub(async () => t.db, 50);
    const controller = new AbortController();
    const stream = createChangeEventStream({ hub, db: t.db, heartbeatMs: 100, signal: controller.signal });
    const { raw } = await readFrames(stream, (_, r) => (r.match(/: heartbeat/g) ?? []).length >= 2, 5000);
    expect((raw.match(/: heartbeat/g) ?? []).length).toBeGreaterThanOrEqual(2);
    controller.abort();
  });
});
