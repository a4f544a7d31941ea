import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import {
  AppError,
  type AppErrorOptions,
  type FieldErrors,
  logger,
  toAppError,
  zodFieldErrors,
} from "@/lib/errors";
import type { ClerkClient } from "./client";
import { diffMetadata, isPlainObject, type MetadataChange } from "./metadata";
import { type RetryOptions, withReadRetry } from "./retry";
import { stableHash } from "./stable-hash";

export interface ActionContext {
  clerk: ClerkClient;
  /** The console's store, opened on first use: most actions only speak to Clerk and never ask for it. */
  db: () => Promise<Db>;
  /** Who is asking, where a surface knows it (the chat): lets reads resolve "me" (listAuditEntries). */
  actor?: { userId: string; email: string | null };
  /**
   * Reads shared along one call chain (a plan's proposals; one write's re-read and run), by key: a list
   * every target consults (the block-list) is fetched once per chain. Never shared across chains.
   */
  sharedReads?: Map<string, Promise<unknown>>;
  /**
   * The id of a write's target as the executor read it under the write lock and checked it (against the
   * approved snapshot, where there is one): a run() that resolves its target again holds it to this.
   */
  checkedTargetId?: string | null;
}

/** A context whose reads by `readShared` are made once from here on. */
export function withSharedReads(ctx: ActionContext): ActionContext {
  return { ...ctx, sharedReads: new Map() };
}

/** `read()` once per call chain carrying `ctx.sharedReads` (every time without); a failed read is forgotten. */
export function readShared<T>(ctx: ActionContext, key: string, read: () => Promise<T>): Promise<T> {
  const memo = ctx.sharedReads;
  if (!memo) return read();
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const fresh = read();
  memo.set(key, fresh);
  fresh.catch(() => memo.delete(key));
  return fresh;
}

export interface TargetRef {
  type: "user" | "invitation" | "session" | "organization" | "access_list";
  id?: string;
  email?: string;
}

/** A rule the approval card shows and run() enforces (8 KB limit, existing user, ...). */
export interface PreCheck {
  id: string;
  ok: boolean;
  message: string;
  /** Passes (never refuses) but the admin should read it before approving: shown as a warning. */
  warning?: boolean;
}

interface ActionBase<S extends z.ZodType, O> {
  /** Tool name (camelCase), stable: adapters and stored approvals refer to it. */
  name: string;
  title: string;
  /** Written for the LLM as much as for humans. */
  description: string;
  /** Every field `.describe()`d; no transforms or defaults, so it converts cleanly to JSON Schema. */
  input: S;
  /** Clerk parameter names that differ from ours, for mapping Clerk's field errors. */
  fieldAliases?: Record<string, string>;
  /**
   * Top-level input fields that are secrets (a password): never stored (audit, approvals, transcripts)
   * or logged, and never accepted from the agent surfaces (chat, MCP, REST), which would store them.
   */
  secretFields?: readonly string[];
  /** Top-level result fields that are secrets shown once (a sign-in link): never stored; console only. */
  secretOutputs?: readonly string[];
  run(input: z.output<S>, ctx: ActionContext): Promise<O>;
}

export interface ReadAction<S extends z.ZodType = z.ZodType, O = unknown> extends ActionBase<S, O> {
  kind: "read";
  /**
   * True when this input makes the read answer by private metadata: even a count or a list of matches
   * reveals values, so it is refused where private metadata is hidden (the model, unless opted in).
   */
  readsPrivateMetadata?: (input: z.output<S>) => boolean;
}

export interface WriteAction<S extends z.ZodType = z.ZodType, O = unknown, Snap = unknown, After = unknown>
  extends ActionBase<S, O> {
  kind: "write";
  target(input: z.output<S>): TargetRef;
  /** The target's current state as far as this write is concerned (before-state, undo, staleness). */
  snapshot(input: z.output<S>, ctx: ActionContext): Promise<Snap>;
  /** The fields this write changes, as they will be after it (same keys as in the snapshot). */
  preview(input: z.output<S>, snapshot: Snap): After;
  checks?(input: z.output<S>, snapshot: Snap): PreCheck[];
  /** Whether a fresh snapshot already shows this write's change (settles an intent whose outcome was lost). */
  applied(input: z.output<S>, current: Snap): boolean;
  /**
   * The part of the snapshot a prepared change is bound to (default: all of it). Organization writes
   * leave out the organization's counters, which every other write to it changes (a bulk job's earlier
   * targets): their own pre-checks (seats, last admin) still run on the fresh read before the write.
   */
  boundState?(snapshot: Snap): unknown;
  /** How an audit entry of this write is undone (lib/audit); without it, the audit's own rules decide. */
  undo?: UndoRule<z.output<S>, Snap>;
  /**
   * The target's id as its snapshot reads it, for a write named otherwise (an email): the audit records
   * it. The write lock stays keyed by `target()`, so one email is one lock however it resolves.
   */
  snapshotId?(snapshot: Snap): string | null;
}

/** Either why it cannot be undone, or the input of the same action that restores `before`. */
export type UndoRule<In = unknown, Snap = unknown> =
  | { reason: string }
  | {
      /** `after` is the audit entry's recorded result; throw (with the reason) when no exact inverse exists. */
      inverse(input: In, before: Snap, after: unknown): Record<string, unknown>;
      /** The state keys the write changed (default: the inverse input's keys but the target's id). */
      fields?: readonly string[];
    };

export type AnyAction = ReadAction | WriteAction;

export const SECRET_PLACEHOLDER = "[secret]";

type Secrets = Pick<AnyAction, "secretFields" | "secretOutputs">;

const present = (names: readonly string[], record: Record<string, unknown>) =>
  names.filter((f) => record[f] !== undefined && record[f] !== null && record[f] !== "");

/** The secret fields this input actually carries (non-empty values only). */
export function secretsIn(action: Secrets, input: unknown): string[] {
  if (!action.secretFields || !input || typeof input !== "object") return [];
  return present(action.secretFields, input as Record<string, unknown>);
}

/** An input or a result as it may be stored or shown: each secret member replaced by a placeholder. */
export function withoutSecrets<T>(action: Secrets, value: T): T {
  const names = [...(action.secretFields ?? []), ...(action.secretOutputs ?? [])];
  if (names.length === 0 || !value || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const found = present(names, record);
  if (found.length === 0) return value;
  const out = { ...record };
  for (const f of found) out[f] = SECRET_PLACEHOLDER;
  return out as T;
}

/**
 * Why this call may not run from the chat, MCP or REST, whose approvals and transcripts would store a
 * secret it carries (a password) or returns (a sign-in link); null when it may.
 */
export function consoleOnlyReason(action: Secrets & { title: string }, input: unknown): string | null {
  const found = secretsIn(action, input);
  if (found.length > 0) {
    return `${found.join(", ")} cannot be sent through the chat, MCP or REST, because approvals and transcripts would store it. Set it on the user's page in the console.`;
  }
  if (action.secretOutputs?.length) {
    return `${action.title} returns a secret that is shown once, so it runs from the user's page in the console only.`;
  }
  return null;
}

/** Refuses (validation_failed) a call that must come from the console. */
export function refuseSecrets(action: AnyAction, input: unknown): void {
  const reason = consoleOnlyReason(action, input);
  if (!reason) return;
  const fields = secretsIn(action, input);
  throw AppError.validation(
    Object.fromEntries((fields.length ? fields : ["_"]).map((f) => [f, ["Only from the console."]])),
    reason,
  );
}

export function defineAction<S extends z.ZodType, O>(def: ReadAction<S, O>): ReadAction<S, O>;
export function defineAction<S extends z.ZodType, O, Snap, After>(
  def: WriteAction<S, O, Snap, After>,
): WriteAction<S, O, Snap, After>;
export function defineAction(def: AnyAction): AnyAction {
  return Object.freeze(def);
}

export type ActionInput<A extends AnyAction> = z.output<A["input"]>;
export type ActionOutput<A extends AnyAction> = Awaited<ReturnType<A["run"]>>;

/** Validates raw input against the action's schema; failures become validation_failed with field errors. */
export function parseInput<A extends AnyAction>(action: A, raw: unknown): ActionInput<A> {
  const parsed = action.input.safeParse(raw ?? {});
  if (!parsed.success) {
    throw AppError.validation(zodFieldErrors(parsed.error), `Invalid input for ${action.title}.`);
  }
  return parsed.data as ActionInput<A>;
}

/** The same error with some of its options replaced. */
function amend(err: AppError, patch: Pick<AppErrorOptions, "fieldErrors" | "details">): AppError {
  const { code, message, fieldErrors, retryAfter, traceId, retryable, details, cause } = err;
  return new AppError(code, message, {
    fieldErrors,
    retryAfter,
    traceId,
    retryable,
    details,
    cause,
    ...patch,
  });
}

function aliasFields(err: AppError, aliases: Record<string, string> | undefined): AppError {
  if (!aliases || !err.fieldErrors) return err;
  const fieldErrors: FieldErrors = {};
  for (const [key, messages] of Object.entries(err.fieldErrors)) fieldErrors[aliases[key] ?? key] = messages;
  return amend(err, { fieldErrors });
}

function withPhase(err: AppError, phase: string): AppError {
  return amend(err, { details: { ...err.details, phase } });
}

/**
 * For reads a write performs before writing (current metadata for the size check): retried like
 * any read, and tagged so a failure there is not reported as "may have been applied".
 */
export async function preWriteRead<T>(fn: () => Promise<T>, label: string, retry?: RetryOptions): Promise<T> {
  try {
    return await withReadRetry(fn, { label, ...retry });
  } catch (raw) {
    throw withPhase(toAppError(raw), "pre_write_read");
  }
}

function unknownOutcome(err: AppError): AppError {
  if (err.code !== "upstream_unavailable" || err.details?.phase === "pre_write_read") return err;
  return new AppError(
    "upstream_unavailable",
    "Clerk did not confirm the change. It may or may not have been applied: reload and check before trying again.",
    { traceId: err.traceId, retryable: false, details: { ...err.details, outcome: "unknown" }, cause: err },
  );
}

export interface RunOptions {
  /** Writes only: the snapshot the human approved; the write is refused if the target has changed since. */
  expectedSnapshot?: unknown;
  retry?: RetryOptions;
}

/**
 * The one way adapters execute an action: validate, (for writes) refuse stale approvals, run.
 * Reads retry transient failures; writes run exactly once. Throws AppError.
 */
export async function runAction<A extends AnyAction>(
  action: A,
  rawInput: unknown,
  ctx: ActionContext,
  options: RunOptions = {},
): Promise<ActionOutput<A>> {
  const input = parseInput(action, rawInput);
  const started = performance.now();
  try {
    let out: unknown;
    if (action.kind === "read") {
      out = await withReadRetry(() => action.run(input, ctx), { label: action.name, ...options.retry });
    } else {
      if (options.expectedSnapshot !== undefined) {
        await assertUnchanged(action, input, ctx, options.expectedSnapshot, options.retry);
      }
      out = await action.run(input, ctx);
    }
    logger.debug("action.ok", { action: action.name, ms: Math.round(performance.now() - started) });
    return out as ActionOutput<A>;
  } catch (raw) {
    let err = aliasFields(toAppError(raw), action.fieldAliases);
    if (action.kind === "write") err = unknownOutcome(err);
    logger.info("action.failed", {
      action: action.name,
      code: err.code,
      traceId: err.traceId,
      ms: Math.round(performance.now() - started),
    });
    throw err;
  }
}

/** Whether two snapshots of one write's target are the same state as far as an approval is concerned. */
export function sameState(action: WriteAction, a: unknown, b: unknown): boolean {
  const bound = (x: unknown) =>
    action.boundState && x !== null && x !== undefined ? action.boundState(x) : x;
  return stableHash(bound(a)) === stableHash(bound(b));
}

async function assertUnchanged(
  action: WriteAction,
  input: unknown,
  ctx: ActionContext,
  expected: unknown,
  retry: RetryOptions | undefined,
): Promise<void> {
  const current = await preWriteRead(() => action.snapshot(input, ctx), `${action.name}.snapshot`, retry);
  if (!sameState(action, current, expected)) throw staleTargetError(action, input, current);
}

/** The target is no longer in the state the change was prepared (and shown) against; `current` is. */
export function staleTargetError(action: WriteAction, input: unknown, current: unknown): AppError {
  return staleTarget(action.target(input).type, current);
}

export function staleTarget(type: TargetRef["type"], current: unknown): AppError {
  return AppError.conflict(`The ${type} changed since this change was prepared. Review it again.`, {
    reason: "stale_target",
    current,
  });
}

export function isStaleTarget(err: unknown): err is AppError {
  return err instanceof AppError && err.code === "conflict" && err.details?.reason === "stale_target";
}

export interface WriteProposal<Snap = unknown, After = unknown> {
  action: string;
  input: unknown;
  target: TargetRef;
  before: Snap;
  after: After;
  /** before -> after for the fields this write touches, leaf by leaf. */
  changes: MetadataChange[];
  checks: PreCheck[];
  /** sha256 of the stable JSON of `before`; bind approvals to it. */
  snapshotHash: string;
}

/** Everything an approval card, an audit entry or an undo needs, read before the write. */
export async function proposeWrite<S extends z.ZodType, O, Snap, After>(
  action: WriteAction<S, O, Snap, After>,
  rawInput: unknown,
  ctx: ActionContext,
  retry?: RetryOptions,
): Promise<WriteProposal<Snap, After>> {
  const input = parseInput(action, rawInput);
  try {
    const before = await withReadRetry(() => action.snapshot(input, ctx), {
      label: `${action.name}.snapshot`,
      ...retry,
    });
    const after = action.preview(input, before);
    return {
      action: action.name,
      input,
      target: action.target(input),
      before,
      after,
      changes: diffTouched(before, after),
      checks: action.checks?.(input, before) ?? [],
      snapshotHash: stableHash(before),
    };
  } catch (raw) {
    throw aliasFields(toAppError(raw), action.fieldAliases);
  }
}

/** The before-state of just the fields a write touches (the keys of its preview). */
export function touchedBefore(before: unknown, after: unknown): Record<string, unknown> {
  if (!isPlainObject(before)) return {};
  if (!isPlainObject(after)) return before;
  const touched: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (Object.hasOwn(before, key)) touched[key] = before[key];
  return touched;
}

function diffTouched(before: unknown, after: unknown): MetadataChange[] {
  return isPlainObject(after) ? diffMetadata(touchedBefore(before, after), after) : [];
}
