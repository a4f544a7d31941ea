import { z } from "zod";

/** Outputs of the sign-in monitoring reads; the shared pieces come from lib/api/schemas (no import cycle). */
export function signInOutputs(shared: {
  sessionSummary: z.ZodObject;
  unixMs: z.ZodNumber;
  page: (key: string, item: z.ZodType) => z.ZodType;
}) {
  const { sessionSummary, unixMs, page } = shared;
  const where = z.string().optional();
  const signIn = z.object({
    session_id: z.string(),
    user_id: z.string(),
    user_email: z.string().optional(),
    signed_in_at: unixMs,
    when: z.string().describe("The sign-in time, ISO 8601 (UTC, seconds)."),
    status: z.string().describe("The session's status as the webhooks last told: active, revoked, ended, …"),
    device_type: where,
    is_mobile: z.boolean().optional(),
    browser: where,
    ip_address: where,
    city: where,
    country: where,
    impersonated_by: z
      .string()
      .optional()
      .describe("The admin's user id when the sign-in was an impersonation."),
  });
  return {
    listSignIns: page("sign_ins", signIn),
    countSignInsPerDay: z.object({
      days: z.array(z.object({ day: z.string().describe("UTC day, YYYY-MM-DD."), count: z.number().int() })),
      total: z.number().int(),
    }),
    listSuspiciousSignIns: z.object({
      more_than: z.number().int(),
      from: unixMs,
      to: unixMs,
      users: z
        .array(
          z.object({
            user_id: z.string(),
            user_email: z.string().optional(),
            sign_ins: z.number().int(),
            locations: z.array(z.string()).optional(),
            devices: z.array(z.string()).optional(),
            last_sign_in_at: unixMs,
            active_session_ids: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    }),
    listActiveSessions: page("sessions", sessionSummary.extend({ user_email: z.string().optional() })),
  };
}
