import "server-only";
import { mcpDeps } from "@/lib/mcp/runtime";
import { createRestApi, type RestApi } from "./rest";
import { QUERY_ROUTES, type QueryRoute } from "./routes";

let api: RestApi | null = null;

/** The REST surface with the MCP server's dependencies (same database, Clerk client, owner lookup). */
export function restApi(): RestApi {
  api ??= createRestApi(mcpDeps);
  return api;
}

export function queryRoute(path: string): QueryRoute {
  const route = QUERY_ROUTES.find((r) => r.path === path);
  if (!route) throw new Error(`no REST query route ${path}`);
  return route;
}

/** Origin for the discovery documents: the one the client reached. */
export function originOf(request: Request): string {
  return new URL(request.url).origin;
}
