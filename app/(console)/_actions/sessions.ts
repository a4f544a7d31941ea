"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";

export const revokeSessionInput = z.object({
  sessionId: z
    .string()
    .regex(/^sess_[A-Za-z0-9]{1,64}$/, "Expected a Clerk session id (sess_…).")
    .describe("The Clerk session id to revoke (sess_…)."),
});

/** Admin only: ends a Clerk session; the browser holding it is signed out within one token lifetime. */
export const revokeSessionAction = authorizedAction("write", revokeSessionInput, async ({ sessionId }) => {
  const session = await getClerkClient().sessions.revokeSession(sessionId);
  return { id: session.id, userId: session.userId, status: session.status };
});
