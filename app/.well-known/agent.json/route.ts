import { buildAgentManifest } from "@/lib/api/manifest";
import { originOf } from "@/lib/api/routes";

// Public discovery document: describes the actions and the approval policy, returns no data.
export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  Response.json(buildAgentManifest({ origin: originOf(request) }), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
