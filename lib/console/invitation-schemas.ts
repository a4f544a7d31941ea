import { z } from "zod";

const optionalText = (max: number) => z.string().max(max).optional();

/** The invite form as posted by the console (metadata as JSON text, blanks meaning "not set"). */
export const inviteFormSchema = z.strictObject({
  email: z.string().trim().min(1, "Enter an email address.").max(320),
  public_metadata: optionalText(65_536),
  redirect_url: optionalText(2048),
  expires_in_days: z.int("Expiry must be a whole number of days.").min(1).max(365).optional(),
  notify: z.boolean().optional(),
  /** The admin saw that the email is outside the (enabled) allow-list and invites anyway. */
  confirm_outside_allowlist: z.boolean().optional(),
});
export type InviteForm = z.infer<typeof inviteFormSchema>;

export const bulkInviteSchema = z.strictObject({
  text: z.string().max(200_000, "The list is too long."),
  public_metadata: optionalText(65_536),
  expires_in_days: z.int().min(1).max(365).optional(),
  notify: z.boolean().optional(),
});

export type BulkRowResult = {
  row: number;
  email: string;
  status: "invited" | "failed" | "skipped";
  message: string;
  invitationId?: string;
};
