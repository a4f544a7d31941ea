import { buildAgentManifest } from "@/lib/api/manifest";
import { originOf } from "@/lib/api/routes";
import { authenticateToken, bearerToken, tokenErrorResponse } from "@/lib/auth/token-auth";
import { surfaceDeps } from "@/lib/runtime/deps";

// Public discovery document: describes the actions and the approval policy, returns no data. With a
// bearer token it lists only what that token's owner role and scope allow (lib/auth/policy).
export const dynamic = "force-dynamic";

export const GET = async (request: Request) => {
  const origin = originOf(request);
  if (bearerToken(request) === null) {
    return Response.json(buildAgentManifest({ origin }), {
      headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
    });
  }
  try {
    const deps = await surfaceDeps();
    const principal = await authenticateToken(deps.db, request, deps.lookupOwner);
    return Response.json(
      buildAgentManifest({ origin, forToken: { role: principal.role, scope: principal.scope } }),
      { headers: { "Cache-Control": "private, no-store", Vary: "Authorization" } },
    );
  } catch (err) {
    return tokenErrorResponse(err);
  }
};
