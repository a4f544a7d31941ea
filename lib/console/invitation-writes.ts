import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth";
import { createInvitation } from "@/lib/clerk/actions/create-invitation";
import { parseInput } from "@/lib/clerk/define-action";
import { AppError, toPublicError } from "@/lib/errors";
import { auditedWrite, proposeConsoleWrite } from "./audited-write";
import { BULK_INVITE_MAX, parseBulkEmails } from "./bulk-invite";
import type { BulkRowResult, bulkInviteSchema, InviteForm } from "./invitation-schemas";
import { parseMetadataInput } from "./metadata-input";

function metadataFromText(text: string | undefined, field: string): Record<string, unknown> | undefined {
  if (!text?.trim()) return undefined;
  const parsed = parseMetadataInput(text);
  if (!parsed.ok) throw AppError.validation({ [field]: [parsed.error] }, parsed.error);
  return parsed.value;
}

/** Form -> createInvitation input, validated by the action's own schema (field errors keep its names). */
export function toCreateInvitationInput(form: InviteForm) {
  const metadata = metadataFromText(form.public_metadata, "public_metadata");
  return parseInput(createInvitation, {
    email: form.email.trim(),
    ...(metadata ? { public_metadata: metadata } : {}),
    ...(form.redirect_url?.trim() ? { redirect_url: form.redirect_url.trim() } : {}),
    ...(form.expires_in_days !== undefined ? { expires_in_days: form.expires_in_days } : {}),
    ...(form.notify !== undefined ? { notify: form.notify } : {}),
  });
}

/** Pre-checks (existing user, pending invitation, 8 KB) are enforced here, not only displayed. */
export async function inviteOne(form: InviteForm, actor: Actor) {
  const input = toCreateInvitationInput(form);
  const proposal = await proposeConsoleWrite(createInvitation, input);
  const failed = proposal.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    const messages = failed.map((c) => c.message);
    const field = failed.some((c) => c.id.includes("metadata") || c.id.includes("size"))
      ? "public_metadata"
      : "email";
    throw new AppError(field === "email" ? "conflict" : "validation_failed", messages.join(" "), {
      fieldErrors: { [field]: messages },
    });
  }
  const warnings = proposal.checks.filter((c) => c.warning).map((c) => c.message);
  if (warnings.length > 0 && form.confirm_outside_allowlist !== true) {
    throw new AppError("conflict", `${warnings.join(" ")} Nothing was sent; confirm to invite anyway.`, {
      fieldErrors: { allowlist: warnings },
      details: { reason: "outside_allowlist" },
    });
  }
  return auditedWrite(actor, createInvitation, input, { proposal });
}

/** Invites every valid row; a bad row is reported and skipped, never blocking the others. */
export async function inviteMany(
  input: z.output<typeof bulkInviteSchema>,
  actor: Actor,
): Promise<BulkRowResult[]> {
  const rows = parseBulkEmails(input.text);
  if (rows.length === 0) throw AppError.validation({ text: ["Paste at least one email address."] });
  if (rows.length > BULK_INVITE_MAX) {
    throw AppError.validation({
      text: [`At most ${BULK_INVITE_MAX} emails per batch; this list has ${rows.length}.`],
    });
  }
  metadataFromText(input.public_metadata, "public_metadata");
  const results: BulkRowResult[] = [];
  // Sequential on purpose: keeps BAPI under its rate limit and makes the per-row audit order readable.
  for (const row of rows) {
    if (row.error) {
      results.push({ row: row.row, email: row.email, status: "skipped", message: row.error });
      continue;
    }
    try {
      const inv = await inviteOne(
        {
          email: row.email,
          public_metadata: input.public_metadata,
          expires_in_days: input.expires_in_days,
          notify: input.notify,
        },
        actor,
      );
      results.push({
        row: row.row,
        email: row.email,
        status: "invited",
        message: "Invited",
        invitationId: inv.id,
      });
    } catch (err) {
      results.push({ row: row.row, email: row.email, status: "failed", message: toPublicError(err).message });
    }
  }
  return results;
}
