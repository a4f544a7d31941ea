import { randomBytes } from "node:crypto";
import { Webhook } from "svix";
import { deletedJson, invitationJson, sessionJson, userJson } from "./state/serialize";
import type { State } from "./state/store";
import type { StateEvent, UserRecord } from "./state/types";

export interface WebhookOptions {
  url?: string;
  secret?: string;
  /** Delay before each retry; the default is Svix-like exponential backoff. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  baseUrl: () => string;
  log: (line: string) => void;
}

export interface WebhookDelivery {
  id: string;
  type: string;
  attempts: number;
  status: "pending" | "delivered" | "failed";
  lastStatus?: number;
  lastError?: string;
}

export interface ClerkWebhookEvent {
  data: unknown;
  object: "event";
  type: string;
  timestamp: number;
  instance_id: string;
  event_attributes: { http_request: { client_ip: string; user_agent: string } };
}

const MAX_LOG = 1000;

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private readonly signer: Webhook | undefined;
  /** Bodies of recent deliveries, for a resend (Svix's "resend": same message id, new attempt). */
  private readonly payloads = new Map<string, string>();
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly state: State,
    private readonly opts: WebhookOptions,
  ) {
    this.signer = opts.url && opts.secret ? new Webhook(opts.secret) : undefined;
    this.unsubscribe = state.onChange((e) => this.onState(e));
  }

  get enabled(): boolean {
    return this.signer !== undefined;
  }

  /** Sends an arbitrary Clerk event (FAPI uses it for events the state layer does not model). */
  emit(type: string, data: unknown): void {
    if (!this.signer || this.stopped) return;
    const event: ClerkWebhookEvent = {
      data,
      object: "event",
      type,
      // The instance's clock, the same one that stamps updated_at, so event times and object times compare.
      timestamp: this.state.clock.now(),
      instance_id: "ins_local_clerk",
      event_attributes: { http_request: { client_ip: "127.0.0.1", user_agent: "local-clerk" } },
    };
    const delivery: WebhookDelivery = {
      id: `msg_${randomBytes(12).toString("hex")}`,
      type,
      attempts: 0,
      status: "pending",
    };
    this.deliveries.push(delivery);
    const body = JSON.stringify(event);
    this.payloads.set(delivery.id, body);
    if (this.deliveries.length > MAX_LOG) {
      const dropped = this.deliveries.shift();
      if (dropped) this.payloads.delete(dropped.id);
    }
    // Never on the request path: the API call has already been answered or is answered independently.
    setImmediate(() => void this.attempt(delivery, body));
  }

  /** Sends a delivered (or failed) message again with the same svix-id and body; false if unknown. */
  async redeliver(id: string): Promise<WebhookDelivery | null> {
    const delivery = this.deliveries.find((d) => d.id === id);
    const body = this.payloads.get(id);
    if (!delivery || body === undefined || !this.signer) return null;
    await this.attempt(delivery, body, false);
    return delivery;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const t of this.timers) clearTimeout(t);
    for (const c of this.inflight) c.abort();
  }

  private onState(e: StateEvent): void {
    const [type, data] = eventPayload(e, this.opts.baseUrl(), (id) => this.state.users.get(id));
    this.emit(type, data);
  }

  private async attempt(delivery: WebhookDelivery, payload: string, retry = true): Promise<void> {
    if (this.stopped || !this.signer || !this.opts.url) return;
    delivery.attempts++;
    const timestamp = new Date();
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.opts.timeoutMs ?? 10_000);
    try {
      const res = await fetch(this.opts.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "svix-id": delivery.id,
          "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "svix-signature": this.signer.sign(delivery.id, timestamp, payload),
        },
        body: payload,
        signal: controller.signal,
      });
      delivery.lastStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        delivery.status = "delivered";
        return;
      }
      delivery.lastError = `HTTP ${res.status}`;
    } catch (err) {
      delivery.lastError = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    if (retry) this.retry(delivery, payload);
  }

  private retry(delivery: WebhookDelivery, payload: string): void {
    const delays = this.opts.retryDelaysMs ?? [5_000, 30_000, 120_000, 600_000];
    const delay = delays[delivery.attempts - 1];
    if (delay === undefined || this.stopped) {
      delivery.status = "failed";
      this.opts.log(
        `webhook ${delivery.type} ${delivery.id} failed after ${delivery.attempts} attempts: ${delivery.lastError}`,
      );
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.attempt(delivery, payload);
    }, delay);
    t.unref();
    this.timers.add(t);
  }
}

function eventPayload(
  e: StateEvent,
  baseUrl: string,
  userOf: (id: string) => UserRecord | undefined,
): [string, unknown] {
  if ("payload" in e) return [e.type, e.payload(baseUrl)];
  switch (e.type) {
    case "user.created":
    case "user.updated":
      return [e.type, userJson(e.user)];
    case "user.deleted":
      return [e.type, deletedJson("user", e.user.id)];
    case "invitation.created":
    case "invitation.revoked":
    case "invitation.accepted":
      return [e.type, invitationJson(e.invitation, baseUrl)];
    default: {
      // Clerk's session events carry the session (no `tasks`) and its user (webhooks spec SessionEventPayload).
      const { tasks: _tasks, ...session } = sessionJson(e.session);
      const user = userOf(e.session.user_id);
      return [e.type, { ...session, ...(user ? { user: userJson(user) } : {}) }];
    }
  }
}
