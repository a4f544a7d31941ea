import type { ActionName } from "@/lib/clerk/registry";

export const REST_BASE = "/api/v1";
export const OPENAPI_PATH = "/api/openapi.json";
export const MCP_PATH = "/api/mcp";
export const APPROVAL_STATUS_TOOL = "get_approval_status";
export const INBOX_PAGE = "/approvals";
export const TOKENS_PAGE = "/settings/tokens";

/** A read with a resource-style GET: its input comes from the path parameters and the query string. */
export interface QueryRoute {
  /** OpenAPI path template; `{name}` segments are the action's input fields of that name. */
  path: string;
  action: ActionName;
  operationId: string;
  summary: string;
}

const route = (path: string, action: ActionName, operationId: string, summary: string): QueryRoute => ({
  path: `${REST_BASE}${path}`,
  action,
  operationId,
  summary,
});

export const QUERY_ROUTES: readonly QueryRoute[] = [
  route("/users", "listUsers", "getUsers", "List or search users"),
  route("/users/count", "countUsers", "getUserCount", "Count users"),
  route("/users/{user_id}", "getUser", "getUserById", "Get one user"),
  route("/users/{user_id}/sessions", "listSessions", "getUserSessions", "List a user's sessions"),
  route("/invitations", "listInvitations", "getInvitations", "List invitations"),
];

export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** Every registered action, read or write, is also callable as POST with its input as the JSON body. */
export const actionPath = (name: string) => `${REST_BASE}/actions/${name}`;
export const approvalPath = (id: string) => `${REST_BASE}/approvals/${encodeURIComponent(id)}`;
export const APPROVAL_PATH_TEMPLATE = `${REST_BASE}/approvals/{approval_id}`;

export function queryRoute(path: string): QueryRoute {
  const route = QUERY_ROUTES.find((r) => r.path === path);
  if (!route) throw new Error(`no REST query route ${path}`);
  return route;
}

/** Origin for the discovery documents: the one the client reached. */
export function originOf(request: Request): string {
  return new URL(request.url).origin;
}
