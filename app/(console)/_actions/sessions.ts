"use server";

import { authorizedAction } from "@/lib/auth";
import { revokeSession, revokeSessionInput } from "@/lib/clerk/actions/revoke-session";
import { auditedWrite } from "@/lib/console/audited-write";

/** Admin only: ends a Clerk session (audited); the browser holding it is signed out within one token lifetime. */
export const revokeSessionAction = authorizedAction("write", revokeSessionInput, (input, me) =>
  auditedWrite(me, revokeSession, input),
);
