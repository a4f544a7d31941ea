import { revokeSessionInput } from "@/app/(console)/_actions/sessions";
import { authorizedRoute } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import { AppError, zodFieldErrors } from "@/lib/errors";

export const POST = authorizedRoute<{ sessionId: string }>("write", async (_request, { params }) => {
  const parsed = revokeSessionInput.safeParse(params);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
  const session = await getClerkClient().sessions.revokeSession(parsed.data.sessionId);
  return Response.json({ id: session.id, userId: session.userId, status: session.status });
});
