import { buildOpenApiDocument } from "@/lib/api/openapi";
import { originOf } from "@/lib/api/routes";

// Public discovery document: describes the API, returns no data.
export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  Response.json(buildOpenApiDocument({ origin: originOf(request) }), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
