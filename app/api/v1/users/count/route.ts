import { queryRoute } from "@/lib/api/routes";
import { restApi } from "@/lib/runtime/deps";

// Authenticated by a personal access token (Bearer), not the console session: see lib/api/rest.
export const dynamic = "force-dynamic";

const route = queryRoute("/api/v1/users/count");

export const GET = (request: Request) => restApi().query(route, request, {});
