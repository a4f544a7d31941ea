import { newId } from "../state/ids";

export type SignInStatus = "needs_identifier" | "needs_first_factor" | "complete";

export interface VerificationRecord {
  status: "unverified" | "verified" | "failed";
  strategy: string;
  attempts: number;
  error?: { code: string; message: string; long_message: string; meta: Record<string, unknown> } | null;
}

/** Sign-in attempts are short-lived and per browser client, so they live in memory only. */
export interface SignInRecord {
  id: string;
  client_id: string;
  status: SignInStatus;
  identifier: string | null;
  user_id: string | null;
  first_factor_verification: VerificationRecord | null;
  created_session_id: string | null;
  timezone: string | null;
  created_at: number;
  abandon_at: number;
}

const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000;

export class SignInStore {
  private readonly byId = new Map<string, SignInRecord>();

  create(clientId: string, now: number, timezone: string | null): SignInRecord {
    this.prune(now);
    const record: SignInRecord = {
      id: newId("sia"),
      client_id: clientId,
      status: "needs_identifier",
      identifier: null,
      user_id: null,
      first_factor_verification: null,
      created_session_id: null,
      timezone,
      created_at: now,
      abandon_at: now + ABANDON_AFTER_MS,
    };
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): SignInRecord | undefined {
    return this.byId.get(id);
  }

  private prune(now: number): void {
    for (const [id, r] of this.byId) if (r.abandon_at < now) this.byId.delete(id);
  }
}
