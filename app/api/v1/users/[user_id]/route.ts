import { queryRoute } from "@/lib/api/routes";
import { restApi } from "@/lib/runtime/deps";

// Authenticated by a personal access token (Bearer), not the console session: see lib/api/rest.
export const dynamic = "force-dynamic";

const route = queryRoute("/api/v1/users/{user_id}");

export const GET = async (request: Request, ctx: { params: Promise<{ user_id: string }> }) =>
  restApi().query(route, request, await ctx.params);
