import { restApi } from "@/lib/runtime/deps";

// Authenticated by a personal access token (Bearer), not the console session: see lib/api/rest.
// Reads run; writes only become a pending item in the approvals inbox (202).
export const dynamic = "force-dynamic";

export const POST = async (request: Request, ctx: { params: Promise<{ name: string }> }) =>
  restApi().callAction((await ctx.params).name, request);
