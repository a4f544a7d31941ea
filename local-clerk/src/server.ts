import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { LocalClerkContext } from "./context";
import { MAX_BODY_BYTES } from "./http/body";
import { ClerkHttpError, clerkError, errorEnvelope, newTraceId } from "./http/errors";
import { HANDLED, JsonResponse, type RequestContext, type Router, sendJson } from "./http/router";

/** Clerk's 429, as its rate limiter and the fault injector answer it. */
const tooManyRequests = (retryAfterSeconds: number) =>
  clerkError(
    429,
    "too_many_requests",
    "Too many requests",
    "Too many requests, please try again later.",
    {},
    { "Retry-After": String(retryAfterSeconds) },
  );

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => !failed && resolve(Buffer.concat(chunks)));
    req.on("error", (err) => !failed && reject(err));
  });
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m?.[1]?.trim();
}

export function createLocalClerkServer(
  router: Router,
  ctx: LocalClerkContext,
): { server: Server; hanging: Set<Socket> } {
  const hanging = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const at = ctx.state.clock.now();
    const traceId = newTraceId();
    const url = new URL(req.url ?? "/", "http://local-clerk");
    const override = url.searchParams.get("_method");
    const method = (req.method === "POST" && override ? override : (req.method ?? "GET")).toUpperCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    let fault: string | undefined;
    let errorCode: string | undefined;

    res.on("close", () => {
      ctx.requestLog.add({
        method,
        path,
        query: url.search,
        status: res.headersSent ? res.statusCode : 0,
        at,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        fault,
        errorCode,
      });
    });

    const fail = (err: ClerkHttpError) => {
      errorCode = err.errors[0]?.code;
      if (!res.headersSent) sendJson(res, err.status, errorEnvelope(err.errors, traceId), err.headers);
    };

    try {
      let rawBody: Buffer;
      try {
        rawBody = await readBody(req);
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          res.setHeader("Connection", "close");
          fail(
            clerkError(
              413,
              "request_body_too_large",
              "request body too large",
              `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
            ),
          );
          req.resume();
          return;
        }
        throw err;
      }

      const match = router.match(method, path, !req.headers.authorization);
      if (match === undefined || match === "method") {
        ctx.log(`!!! UNKNOWN ROUTE ${method} ${path}${url.search} -> 404 (not implemented by Local Clerk)`);
        fail(
          clerkError(
            404,
            "resource_not_found",
            "not found",
            `Local Clerk does not implement ${method} ${path}.`,
          ),
        );
        return;
      }

      // ClerkJS tags every FAPI call with __clerk_api_version; a 401 there would sign the browser out,
      // so a FAPI call to a path only BAPI serves is an unknown FAPI route instead.
      if (match.auth && !req.headers.authorization && url.searchParams.has("__clerk_api_version")) {
        ctx.log(`!!! UNKNOWN ROUTE ${method} ${path} (FAPI; only BAPI serves it) -> 404`);
        fail(
          clerkError(
            404,
            "resource_not_found",
            "not found",
            `Local Clerk's FAPI does not implement ${method} ${path}.`,
          ),
        );
        return;
      }
      if (match.auth && bearer(req) !== ctx.secretKey) {
        fail(
          clerkError(
            401,
            "authentication_invalid",
            "Invalid authentication",
            "Unable to authenticate the request, you need to supply an active key",
          ),
        );
        return;
      }

      if (!path.startsWith("/__local_clerk")) {
        const decision = ctx.faults.decide(method, path);
        if (decision) {
          fault = decision.kind;
          if (decision.kind === "timeout") {
            const socket = req.socket;
            hanging.add(socket);
            const t = setTimeout(() => socket.destroy(), decision.hangMs);
            socket.once("close", () => {
              clearTimeout(t);
              hanging.delete(socket);
            });
            return;
          }
          if (decision.kind === "429") {
            fail(tooManyRequests(decision.retryAfter));
          } else if (decision.kind === "422") {
            fail(
              clerkError(
                422,
                "form_param_format_invalid",
                "is invalid",
                "The request was refused as invalid (a fault injected by Local Clerk).",
              ),
            );
          } else {
            fail(
              clerkError(
                500,
                "internal_clerk_error",
                "Oops, an unexpected error occurred",
                "There was an internal error on our servers. Please try again later.",
              ),
            );
          }
          return;
        }
        if (match.auth) {
          const now = Date.now();
          const wait = ctx.rateLimiter.check(now);
          for (const [name, value] of Object.entries(ctx.rateLimiter.headers(now)))
            res.setHeader(name, value);
          if (wait !== undefined) {
            fault = "rate_limit";
            fail(tooManyRequests(wait));
            return;
          }
        }
      }

      const rc: RequestContext = {
        req,
        res,
        method,
        path,
        query: url.searchParams,
        params: match.params,
        traceId,
        rawBody,
      };
      const result = await match.handler(rc);
      if (result === HANDLED || res.headersSent) return;
      if (result instanceof JsonResponse) sendJson(res, result.status, result.body, result.headers);
      else sendJson(res, 200, result ?? {});
    } catch (err) {
      if (err instanceof ClerkHttpError) {
        fail(err);
      } else {
        ctx.log(
          `internal error on ${method} ${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        fail(
          clerkError(
            500,
            "internal_clerk_error",
            "Oops, an unexpected error occurred",
            "There was an internal error in Local Clerk.",
          ),
        );
      }
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  // Longer than any client's idle pool timeout, so a write never lands on a socket the server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return { server, hanging };
}
