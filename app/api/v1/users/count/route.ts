import { queryRoute, restApi } from "@/lib/discovery/runtime";

// Authenticated by a personal access token (Bearer), not the console session: see lib/discovery/rest.
export const dynamic = "force-dynamic";

const route = queryRoute("/api/v1/users/count");

export const GET = (request: Request) => restApi().query(route, request, {});
