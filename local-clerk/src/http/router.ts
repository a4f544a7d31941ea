import type { IncomingMessage, ServerResponse } from "node:http";

export type Params = Record<string, string>;

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Method after FAPI's `?_method=` override. */
  method: string;
  path: string;
  query: URLSearchParams;
  params: Params;
  traceId: string;
  /** Raw body, already size-limited. Empty buffer when none. */
  rawBody: Buffer;
}

export type Handler = (ctx: RequestContext) => unknown | Promise<unknown>;

export interface RouteOptions {
  /** BAPI and control routes require the secret key; FAPI routes do not. */
  auth?: boolean;
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
  auth: boolean;
}

export interface RouteMatch {
  handler: Handler;
  params: Params;
  auth: boolean;
  pattern: string;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    this.routes.push({
      method: method.toUpperCase(),
      pattern,
      segments: splitPath(pattern),
      handler,
      auth: options.auth ?? true,
    });
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("GET", pattern, handler, options);
  }
  post(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("POST", pattern, handler, options);
  }
  patch(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PATCH", pattern, handler, options);
  }
  put(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PUT", pattern, handler, options);
  }
  delete(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("DELETE", pattern, handler, options);
  }

  /** Every registered route (the coverage report reads it). */
  list(): { method: string; pattern: string; auth: boolean }[] {
    return this.routes.map(({ method, pattern, auth }) => ({ method, pattern, auth }));
  }

  /**
   * Returns the match, "method" when only the method is wrong, or undefined. BAPI and FAPI share
   * some paths (`/v1/organizations/…`): `fapi` (no Authorization header) picks the public route.
   */
  match(method: string, path: string, fapi = false): RouteMatch | "method" | undefined {
    const segments = splitPath(path);
    let methodMismatch = false;
    // Literal segments beat `:params`, so `/users/count` wins over `/users/:id`.
    let best: { route: Route; params: Params; score: number } | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      const score =
        route.segments.filter((s) => !s.startsWith(":")).length * 2 + (route.auth === fapi ? 0 : 1);
      if (!best || score > best.score) best = { route, params, score };
    }
    if (best)
      return {
        handler: best.route.handler,
        params: best.params,
        auth: best.route.auth,
        pattern: best.route.pattern,
      };
    return methodMismatch ? "method" : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Params | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (p !== a) {
      return undefined;
    }
  }
  return params;
}

/** Clerk's SDK compares Content-Type with `===`, so no charset suffix. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** A handler result that controls status and headers; plain values are sent as 200 JSON. */
export class JsonResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** Marks a response the handler already wrote itself (FAPI scripts, redirects). */
export const HANDLED = Symbol("handled");
