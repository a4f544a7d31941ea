import { mcpHandler } from "@/lib/runtime/deps";

// Authenticated by a personal access token (Bearer), not the console session: see lib/auth/token-auth.
export const dynamic = "force-dynamic";
export const maxDuration = 60;

const handle = (request: Request) => mcpHandler()(request);

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
