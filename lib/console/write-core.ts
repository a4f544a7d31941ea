import type { z } from "zod";
import { type ConsoleRole, decideAccess } from "@/lib/auth/policy";
import { type ActionResult, AppError, ok, toActionResult, zodFieldErrors } from "@/lib/errors";

export type ConsoleActor = { userId: string; role: ConsoleRole; email?: string | null };

/**
 * The policy + validation layer every console write goes through, free of Next request context so
 * it is unit-tested per role. Order matters: authorization before parsing, so a viewer learns nothing
 * about the input rules, and nothing runs unless both pass.
 */
export async function consoleWrite<S extends z.ZodType, T>(
  actor: ConsoleActor | null,
  schema: S,
  raw: unknown,
  run: (input: z.output<S>, actor: ConsoleActor) => Promise<T>,
): Promise<ActionResult<T>> {
  const decision = decideAccess(actor, "write");
  if (!decision.allowed) {
    return toActionResult(new AppError(decision.reason, decision.message));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return toActionResult(AppError.validation(zodFieldErrors(parsed.error)));
  try {
    return ok(await run(parsed.data, actor!));
  } catch (err) {
    return toActionResult(err);
  }
}
