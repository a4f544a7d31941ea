import { authorizedRoute } from "@/lib/auth";
import { revokeSession } from "@/lib/clerk/actions/revoke-session";
import { auditedWrite } from "@/lib/console/audited-write";

/** Admin only: the REST twin of revokeSessionAction (same action, same audit). */
export const POST = authorizedRoute<{ sessionId: string }>("write", async (_request, { auth, params }) =>
  Response.json(await auditedWrite(auth, revokeSession, { session_id: params.sessionId })),
);
