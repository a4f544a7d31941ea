// Whether the people and the token behind a bulk job still stand: the same rule the single-write inbox
// applies at execution (lib/approvals/inbox-decide -> claimApprovedCall with the proposer's role
// now), applied when the plan is approved and again before every run of it starts, because a job
// can wait in the queue, be paused or resumed long after the approval.
import { eq } from "drizzle-orm";
import { clerkOwnerLookup, type OwnerLookup, ownerOrNone } from "@/lib/auth/token-auth";
import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { accessTokens, MCP_CHAT_PREFIX } from "@/lib/db/schema";
import { type AppErrorCode, toAppError } from "@/lib/errors";
import { tokenStatus } from "@/lib/tokens/tokens";
import { pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";

export const STANDING_CODES = [
  "proposer_not_admin",
  "approver_not_admin",
  "token_revoked",
  "token_expired",
  "owner_unverified",
] as const;
export type StandingCode = (typeof STANDING_CODES)[number];

export type JobStanding =
  | { ok: true }
  /** `final`: the job can never run (cancel it); otherwise Clerk could not be asked (try again later). */
  | { ok: false; code: StandingCode; message: string; final: boolean };

export interface JobPeople {
  /** The approval row's chat id: `mcp:<tokenId>` when an MCP/REST client proposed the job. */
  chatId: string | null;
  people: readonly { as: "proposer" | "approver"; userId: string }[];
}

export function isStandingCode(code: string): code is StandingCode {
  return (STANDING_CODES as readonly string[]).includes(code);
}

/** The AppError code a refused job decision surfaces as (details.reason keeps the precise one). */
export function jobRefusalErrorCode(code: string): AppErrorCode {
  if (code === "owner_unverified") return "upstream_unavailable";
  if (code === "forbidden" || isStandingCode(code)) return "forbidden";
  return code === "not_found" ? "not_found" : "conflict";
}

const ROLE_MESSAGES = {
  proposer: "The admin who proposed this job is no longer an admin; it will not run.",
  approver: "The admin who approved this job is no longer an admin; it will not run.",
} as const;

/**
 * The worker's role lookup: the console's rule (public_metadata.role + CONSOLE_ADMIN_EMAILS, cached
 * like the console's), its Clerk reads paced with the job's own so they never push a job over the limit.
 */
export function pacedOwnerLookup(
  clerk: ClerkClient,
  pacer: Pacer,
  env: Record<string, string | undefined> = process.env,
): OwnerLookup {
  // A fresh paced wrapper per read: the wrapper keeps a user it read for the next read of it.
  return clerkOwnerLookup((id) => pacedClerk(clerk, pacer).clerk.users.getUser(id), {
    adminEmails: env.CONSOLE_ADMIN_EMAILS,
  });
}

export async function checkJobStanding(
  db: Db,
  lookupOwner: OwnerLookup,
  job: JobPeople,
  now: Date = new Date(),
): Promise<JobStanding> {
  const token = await tokenStanding(db, job.chatId, now, "job");
  if (!token.ok) return token;
  const seen = new Set<string>();
  for (const person of job.people) {
    if (seen.has(person.userId)) continue;
    seen.add(person.userId);
    let role: string;
    try {
      role = (await ownerOrNone(lookupOwner, person.userId)).role;
    } catch (err) {
      return {
        ok: false,
        code: "owner_unverified",
        message: `Could not check the ${person.as}'s role with Clerk (${toAppError(err).message}); try again.`,
        final: false,
      };
    }
    if (role !== "admin") return refusal(`${person.as}_not_admin`, ROLE_MESSAGES[person.as]);
  }
  return { ok: true };
}

/**
 * Whether the token an MCP/REST client proposed with (chat id `mcp:<tokenId>`) is still live; anything
 * else proposed it without a token. Shared by bulk plans and single inbox writes.
 */
export async function tokenStanding(
  db: Db,
  chatId: string | null,
  now: Date = new Date(),
  what: "job" | "change" = "job",
): Promise<JobStanding> {
  if (!chatId?.startsWith(MCP_CHAT_PREFIX)) return { ok: true };
  const tokenId = chatId.slice(MCP_CHAT_PREFIX.length);
  const [token] = await db.select().from(accessTokens).where(eq(accessTokens.id, tokenId)).limit(1);
  const status = token ? tokenStatus(token, now) : "revoked";
  if (status === "active") return { ok: true };
  const happened = status === "revoked" ? "was revoked" : "has expired";
  return refusal(
    `token_${status}`,
    `The access token that proposed this ${what} ${happened}; it will not run.`,
  );
}

function refusal(code: StandingCode, message: string): JobStanding {
  return { ok: false, code, message, final: true };
}
