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

export const QUERY_ROUTES: readonly QueryRoute[] = [
  {
    path: `${REST_BASE}/users`,
    action: "listUsers",
    operationId: "getUsers",
    summary: "List or search users",
  },
  {
    path: `${REST_BASE}/users/count`,
    action: "countUsers",
    operationId: "getUserCount",
    summary: "Count users",
  },
  {
    path: `${REST_BASE}/users/{user_id}`,
    action: "getUser",
    operationId: "getUserById",
    summary: "Get one user",
  },
  {
    path: `${REST_BASE}/users/{user_id}/sessions`,
    action: "listSessions",
    operationId: "getUserSessions",
    summary: "List a user's sessions",
  },
  {
    path: `${REST_BASE}/invitations`,
    action: "listInvitations",
    operationId: "getInvitations",
    summary: "List invitations",
  },
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
