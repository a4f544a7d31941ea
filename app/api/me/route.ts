import { authorizedRoute } from "@/lib/auth";

export const GET = authorizedRoute("read", async (_request, { auth }) =>
  Response.json(
    {
      userId: auth.userId,
      sessionId: auth.sessionId,
      email: auth.email,
      role: auth.role,
      roleSource: auth.roleSource,
    },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
