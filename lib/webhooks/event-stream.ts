import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { type ChangeEvent, changeEventsAfter, latestChangeEventId, pruneChangeEvents } from "./change-events";

type Listener = (events: ChangeEvent[]) => void;

/** How long a skipped id is re-checked: a bigserial id can commit after a higher one that we already read. */
const GAP_WINDOW_MS = 10_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * One poller per process and database, shared by every open SSE stream: N tabs cost one query per interval.
 * Instances learn about each other's changes only through the table, so this works behind a load balancer.
 */
export class ChangeHub {
  private listeners = new Set<Listener>();
  private cursor: number | null = null;
  private gaps = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private lastPrune = Date.now();

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly pollMs = 1000,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer && !this.running) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.cursor = null;
        this.gaps.clear();
      }
    };
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    this.running = true;
    try {
      const db = await this.db();
      if (this.cursor === null) {
        this.cursor = await latestChangeEventId(db);
      } else {
        const events = await this.poll(db);
        if (events.length > 0) for (const l of [...this.listeners]) l(events);
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
          this.lastPrune = Date.now();
          await pruneChangeEvents(undefined, db);
        }
      }
    } catch (err) {
      console.error("[events] polling change_events failed:", err instanceof Error ? err.message : err);
    } finally {
      this.running = false;
      if (this.listeners.size > 0 && !this.timer) this.schedule(this.pollMs);
    }
  }

  private async poll(db: Db): Promise<ChangeEvent[]> {
    const now = Date.now();
    for (const [id, expires] of this.gaps) if (expires < now) this.gaps.delete(id);
    const lowest = Math.min(this.cursor ?? 0, ...[...this.gaps.keys()].map((id) => id - 1));
    const rows = await changeEventsAfter(lowest, 500, db);
    const fresh: ChangeEvent[] = [];
    let expected = (this.cursor ?? 0) + 1;
    for (const row of rows) {
      if (row.id <= (this.cursor ?? 0)) {
        if (this.gaps.delete(row.id)) fresh.push(row);
        continue;
      }
      for (let id = expected; id < row.id && id < expected + 1000; id++)
        this.gaps.set(id, now + GAP_WINDOW_MS);
      expected = row.id + 1;
      this.cursor = row.id;
      fresh.push(row);
    }
    return fresh;
  }
}

const HUB_KEY = Symbol.for("clerk-admin-console.change-hub");
const holder = globalThis as unknown as { [HUB_KEY]?: ChangeHub };

export function getChangeHub(): ChangeHub {
  holder[HUB_KEY] ??= new ChangeHub(getDb, Number(process.env.EVENTS_POLL_MS ?? 1000));
  return holder[HUB_KEY];
}

export interface ChangeStreamOptions {
  hub?: ChangeHub;
  db?: Db;
  /** Last-Event-ID from a reconnecting EventSource: missed events after it are replayed first. */
  lastEventId?: number | null;
  heartbeatMs?: number;
  signal?: AbortSignal;
}

const sseEvent = (e: ChangeEvent) =>
  `id: ${e.id}\nevent: change\ndata: ${JSON.stringify({ id: e.id, kind: e.kind, user_id: e.userId })}\n\n`;

/** An SSE body: `event: change` with data `{id, kind, user_id}`, plus heartbeat comments. */
export function createChangeEventStream(opts: ChangeStreamOptions = {}): ReadableStream<Uint8Array> {
  const hub = opts.hub ?? getChangeHub();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let buffer: ChangeEvent[] | null = opts.lastEventId ? [] : null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const deliver = (events: ChangeEvent[], skip?: ReadonlySet<number>) => {
        for (const e of events) if (!skip?.has(e.id)) send(sseEvent(e));
      };
      const unsubscribe = hub.subscribe((events) => (buffer ? buffer.push(...events) : deliver(events)));
      const heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), opts.heartbeatMs ?? 15_000);
      heartbeat.unref?.();
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the consumer
        }
      };
      opts.signal?.addEventListener("abort", () => cleanup(), { once: true });
      send("retry: 3000\n: connected\n\n");
      if (buffer && opts.lastEventId) {
        // Events that arrive from the hub while replaying are held back, then sent without repeats.
        const replayed = new Set<number>();
        try {
          const missed = await changeEventsAfter(opts.lastEventId, 500, opts.db ?? (await getDb()));
          for (const e of missed) replayed.add(e.id);
          deliver(missed);
        } catch (err) {
          console.error("[events] replay after Last-Event-ID failed:", err);
        }
        const held: ChangeEvent[] = buffer;
        buffer = null;
        deliver(held, replayed);
      }
    },
    cancel() {
      cleanup();
    },
  });
}
