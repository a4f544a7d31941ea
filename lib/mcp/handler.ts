import { randomUUID } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  assertTokenAccess,
  authenticateToken,
  type OwnerLookup,
  type TokenPrincipal,
  tokenErrorResponse,
} from "@/lib/auth/token-auth";
import { logger } from "@/lib/errors";
import { createMcpServer, type McpDeps, PROPOSING_TOOLS } from "./server";

export interface McpHandlerOptions {
  deps: () => Promise<McpDeps & { lookupOwner: OwnerLookup }>;
  /** Sessions unused for this long are closed (default 30 minutes). */
  sessionIdleMs?: number;
  maxSessions?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  tokenId: string;
  lastSeen: number;
}

function rpcError(status: number, code: number, message: string): Response {
  return Response.json(
    { jsonrpc: "2.0", error: { code, message }, id: null },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

function messagesOf(body: unknown): { method?: unknown; params?: { name?: unknown } }[] {
  const list = Array.isArray(body) ? body : [body];
  return list.filter(
    (m): m is { method?: unknown; params?: { name?: unknown } } => !!m && typeof m === "object",
  );
}

/**
 * The MCP endpoint as a Web-standard handler (Next route, or node:http in tests). Every HTTP request
 * is authenticated with its bearer token (401/403 before any JSON-RPC is processed); sessions are
 * kept in memory because elicitation needs the client's answer to reach the same server instance.
 */
export function createMcpHandler(opts: McpHandlerOptions): (request: Request) => Promise<Response> {
  const sessions = new Map<string, Session>();
  const idleMs = opts.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = opts.maxSessions ?? 1_000;

  const sweep = (now: number) => {
    for (const [id, s] of sessions) {
      if (now - s.lastSeen > idleMs) {
        sessions.delete(id);
        void s.transport.close().catch(() => {});
      }
    }
  };

  return async (request) => {
    let principal: TokenPrincipal;
    let deps: Awaited<ReturnType<McpHandlerOptions["deps"]>>;
    let body: unknown;
    try {
      deps = await opts.deps();
      principal = await authenticateToken(deps.db, request, deps.lookupOwner, deps.now?.());
      assertTokenAccess(principal, "read");
      if (request.method === "POST") {
        try {
          body = await request.json();
        } catch {
          return rpcError(400, -32700, "Parse error: the body is not JSON.");
        }
        for (const m of messagesOf(body)) {
          if (
            m.method === "tools/call" &&
            typeof m.params?.name === "string" &&
            PROPOSING_TOOLS.has(m.params.name)
          ) {
            assertTokenAccess(principal, "propose");
          }
        }
      }
    } catch (err) {
      return tokenErrorResponse(err);
    }

    const now = Date.now();
    sweep(now);
    const authInfo = {
      token: principal.tokenId,
      clientId: principal.tokenId,
      scopes: [principal.scope],
      extra: { principal },
    };
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const session = sessions.get(sessionId);
      // Another token's session is answered exactly like an unknown one.
      if (!session || session.tokenId !== principal.tokenId) {
        return rpcError(404, -32001, "Session not found; initialize a new session.");
      }
      session.lastSeen = now;
      return session.transport.handleRequest(request, { parsedBody: body, authInfo });
    }
    const isInit = messagesOf(body).some((m) => m.method === "initialize");
    if (request.method !== "POST" || !isInit) {
      return rpcError(400, -32000, "Bad Request: send initialize first, then the Mcp-Session-Id header.");
    }
    if (sessions.size >= maxSessions) {
      const oldest = [...sessions.entries()].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0];
      if (oldest) {
        sessions.delete(oldest[0]);
        void oldest[1].transport.close().catch(() => {});
      }
    }
    const server = createMcpServer(deps, principal);
    const tokenId = principal.tokenId;
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, tokenId, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    await server.connect(transport);
    logger.info("mcp.session_started", { tokenId });
    return transport.handleRequest(request, { parsedBody: body, authInfo });
  };
}
