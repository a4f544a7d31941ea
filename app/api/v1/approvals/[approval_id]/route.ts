import { restApi } from "@/lib/runtime/deps";

// Authenticated by a personal access token (Bearer), not the console session: see lib/api/rest.
export const dynamic = "force-dynamic";

export const GET = async (request: Request, ctx: { params: Promise<{ approval_id: string }> }) =>
  restApi().approvalStatus((await ctx.params).approval_id, request);
