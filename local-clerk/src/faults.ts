/** 422: a refusal Clerk gives before changing anything (a request it finds invalid); never worth retrying. */
export type FaultKind = "429" | "422" | "500" | "timeout";

export interface FaultRule {
  /** "METHOD /path/with/*"; `*` matches any characters, method `*` matches any method. */
  route: string;
  kind: FaultKind;
  /** Fraction of matching requests to fail (0..1). Default 1. */
  rate?: number;
  /** Fail only the first `count` matching requests (deterministic). */
  count?: number;
  /** Retry-After seconds for 429s (default 1). */
  retryAfter?: number;
  /** How long a "timeout" hangs before the socket is destroyed (default 30 s). */
  hangMs?: number;
}

interface ActiveRule extends FaultRule {
  re: RegExp;
  method: string;
  hits: number;
}

export interface FaultDecision {
  kind: FaultKind;
  retryAfter: number;
  hangMs: number;
}

/** mulberry32: small seeded PRNG so `rate` faults are reproducible when a seed is given. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new Error("faults must be an array of {route, kind, rate?, count?}");
  return input.map((r, i) => {
    if (typeof r !== "object" || r === null) throw new Error(`fault ${i} must be an object`);
    const rule = r as Record<string, unknown>;
    if (typeof rule.route !== "string" || !/^\S+ \S+$/.test(rule.route)) {
      throw new Error(`fault ${i}: route must look like "PATCH /v1/users/*"`);
    }
    const kind = String(rule.kind);
    if (kind !== "429" && kind !== "422" && kind !== "500" && kind !== "timeout")
      throw new Error(`fault ${i}: kind must be 429, 422, 500 or timeout`);
    for (const k of ["rate", "count", "retryAfter", "hangMs"] as const) {
      if (rule[k] !== undefined && (typeof rule[k] !== "number" || (rule[k] as number) < 0)) {
        throw new Error(`fault ${i}: ${k} must be a non-negative number`);
      }
    }
    if (typeof rule.rate === "number" && rule.rate > 1)
      throw new Error(`fault ${i}: rate must be between 0 and 1`);
    return {
      route: rule.route,
      kind,
      rate: rule.rate as number | undefined,
      count: rule.count as number | undefined,
      retryAfter: rule.retryAfter as number | undefined,
      hangMs: rule.hangMs as number | undefined,
    };
  });
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number = Math.random;

  configure(rules: FaultRule[], seed?: number): void {
    this.random = seed === undefined ? Math.random : seededRandom(seed);
    this.rules = rules.map((r) => {
      const [method = "*", pattern = "*"] = r.route.split(" ");
      const re = new RegExp(`^${pattern.split("*").map(escapeRe).join(".*")}$`);
      return { ...r, method: method.toUpperCase(), re, hits: 0 };
    });
  }

  clear(): void {
    this.rules = [];
  }

  list(): (FaultRule & { hits: number })[] {
    return this.rules.map(({ re: _re, method: _m, ...rest }) => rest);
  }

  decide(method: string, path: string): FaultDecision | undefined {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== method) continue;
      if (!rule.re.test(path)) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      rule.hits++;
      return { kind: rule.kind, retryAfter: rule.retryAfter ?? 1, hangMs: rule.hangMs ?? 30_000 };
    }
    return undefined;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
}

/** Fixed window per secret key, like a Clerk development instance (100 requests / 10 s). */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(public config: RateLimitConfig | false) {}

  /** Returns seconds to wait when limited, otherwise undefined. */
  check(now: number): number | undefined {
    if (!this.config) return undefined;
    if (now - this.windowStart >= this.config.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= this.config.requests) {
      return Math.max(1, Math.ceil((this.windowStart + this.config.windowMs - now) / 1000));
    }
    this.used++;
    return undefined;
  }

  /**
   * The limit as the response announces it, so a client can pace to this instance: `X-RateLimit-Limit`,
   * `-Remaining` and `-Reset` (seconds to the window's end) as many APIs send them, plus the IETF
   * draft's `RateLimit-Policy: <limit>;w=<window seconds>` for the window length.
   */
  headers(now: number): Record<string, string> {
    if (!this.config) return {};
    const fresh = now - this.windowStart >= this.config.windowMs;
    const used = fresh ? 0 : this.used;
    const resetMs = fresh ? this.config.windowMs : this.windowStart + this.config.windowMs - now;
    return {
      "X-RateLimit-Limit": String(this.config.requests),
      "X-RateLimit-Remaining": String(Math.max(0, this.config.requests - used)),
      "X-RateLimit-Reset": String(Math.max(0, Math.ceil(resetMs / 1000))),
      "RateLimit-Policy": `${this.config.requests};w=${this.config.windowMs / 1000}`,
    };
  }

  set(config: RateLimitConfig | false): void {
    this.config = config;
    this.windowStart = 0;
    this.used = 0;
  }
}

export function parseRateLimit(spec: string): RateLimitConfig | false {
  if (spec === "off" || spec === "false" || spec === "0") return false;
  const m = /^(\d+)\/(\d+)(ms|s|m)?$/.exec(spec.trim());
  if (!m) throw new Error(`rate limit must look like 100/10s, got "${spec}"`);
  const unit = m[3] === "ms" ? 1 : m[3] === "m" ? 60_000 : 1000;
  return { requests: Number(m[1]), windowMs: Number(m[2]) * unit };
}
