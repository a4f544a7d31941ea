import { clerkError, invalidParam, notFound } from "../http/errors";
import type { JwtTemplateRecord } from "./admin-types";
import { newId } from "./ids";
import { assertMetadataSize } from "./metadata";
import type { Clock } from "./types";

/** Claims every token carries; a template cannot set them (Clerk refuses them too). */
export const RESERVED_CLAIMS = ["azp", "exp", "iat", "iss", "jti", "nbf", "sub"];

export interface JwtTemplateInput {
  name: string;
  claims: Record<string, unknown>;
  lifetime?: number | null;
  allowedClockSkew?: number | null;
}

export class JwtTemplateStore {
  private readonly items = new Map<string, JwtTemplateRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly touch: () => void,
  ) {}

  all(): JwtTemplateRecord[] {
    return [...this.items.values()].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  }

  load(t: JwtTemplateRecord): void {
    this.items.set(t.id, t);
  }

  require(id: string): JwtTemplateRecord {
    const t = this.items.get(id);
    if (!t) throw notFound("JWT template");
    return t;
  }

  byName(name: string): JwtTemplateRecord | undefined {
    for (const t of this.items.values()) if (t.name === name) return t;
    return undefined;
  }

  create(input: JwtTemplateInput, opts: { id?: string; at?: number } = {}): JwtTemplateRecord {
    this.validate(input);
    const now = opts.at ?? this.clock.now();
    const t: JwtTemplateRecord = {
      id: opts.id ?? newId("jtmp"),
      name: input.name,
      claims: input.claims,
      lifetime: input.lifetime ?? 60,
      allowed_clock_skew: input.allowedClockSkew ?? 5,
      created_at: now,
      updated_at: now,
    };
    this.items.set(t.id, t);
    this.touch();
    return t;
  }

  update(id: string, input: JwtTemplateInput): JwtTemplateRecord {
    const current = this.require(id);
    this.validate(input, id);
    const next: JwtTemplateRecord = {
      ...current,
      name: input.name,
      claims: input.claims,
      lifetime: input.lifetime ?? current.lifetime,
      allowed_clock_skew: input.allowedClockSkew ?? current.allowed_clock_skew,
      updated_at: this.clock.now(),
    };
    this.items.set(id, next);
    this.touch();
    return next;
  }

  delete(id: string): JwtTemplateRecord {
    const t = this.require(id);
    this.items.delete(id);
    this.touch();
    return t;
  }

  private validate(input: JwtTemplateInput, self?: string): void {
    const other = this.byName(input.name);
    if (other && other.id !== self) {
      throw clerkError(
        422,
        "form_identifier_exists",
        "name is taken",
        `A JWT template named ${input.name} already exists.`,
        { param_name: "name" },
      );
    }
    const reserved = Object.keys(input.claims).filter((k) => RESERVED_CLAIMS.includes(k));
    if (reserved.length > 0) {
      throw invalidParam("claims", `claims cannot set the reserved claims ${reserved.join(", ")}.`);
    }
    assertMetadataSize("claims", input.claims);
  }
}
