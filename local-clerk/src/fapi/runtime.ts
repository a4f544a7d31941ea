import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { isValidTestingToken } from "../bapi/sign-in-tickets";
import type { LocalClerkContext } from "../context";
import { clerkError } from "../http/errors";
import { HANDLED, type RequestContext } from "../http/router";
import type { ClientRecord, SessionRecord, UserRecord } from "../state/types";
import {
  CLIENT_COOKIE,
  CLIENT_UAT_COOKIE,
  clientCookie,
  clientUatCookies,
  cookieSuffix,
  parseCookies,
  serializeCookie,
} from "./cookies";
import { fapiUserMemberships, organizationClaims } from "./organization-serializers";
import { type ClientView, fapiClientJson } from "./serializers";
import { SignInStore } from "./sign-in-store";
import { type SignUpRecord, signUpJson } from "./sign-up-routes";
import { frontendApiFromPublishableKey, sessionClaims, TokenTtlOverrides } from "./tokens";

export interface FapiOptions {
  publishableKey: string;
}

/** Per-request view: the browser's client (from `__client`) and the cookies to send back. */
export interface FapiExchange {
  rc: RequestContext;
  cookies: Map<string, string>;
  client: ClientRecord | undefined;
  setCookies: string[];
  /** A valid `__clerk_testing_token` on the request (Clerk's bot-protection bypass for tests). */
  testing: boolean;
}

export class FapiRuntime {
  readonly signIns = new SignInStore();
  /** Sign-up attempts, in memory like sign-ins. */
  readonly signUps = new Map<string, SignUpRecord>();
  readonly ttlOverrides = new TokenTtlOverrides();
  readonly suffix: string;
  readonly issuer: string;
  /** Latest token per session, echoed as `last_active_token` so ClerkJS can hydrate without a round trip. */
  private readonly lastTokens = new Map<string, string>();
  /** The app in front of the proxy, as last seen on a proxied request: where ticket links send the browser. */
  appOrigin = process.env.LOCAL_CLERK_APP_URL ?? "http://localhost:3000";

  constructor(
    readonly ctx: LocalClerkContext,
    readonly options: FapiOptions,
  ) {
    this.suffix = cookieSuffix(options.publishableKey);
    this.issuer = `https://${frontendApiFromPublishableKey(options.publishableKey)}`;
    ctx.state.onChange((e) => {
      if (e.type === "session.ended" || e.type === "session.revoked" || e.type === "session.removed") {
        this.lastTokens.delete(e.session.id);
      }
    });
  }

  get state() {
    return this.ctx.state;
  }

  exchange(rc: RequestContext): FapiExchange {
    const cookies = parseCookies(rc.req.headers.cookie);
    const id = cookies.get(CLIENT_COOKIE);
    const client = id ? this.state.sessions.getClient(id) : undefined;
    const origin = appOrigin(rc.req.headers);
    if (origin) this.appOrigin = origin;
    const testingToken = rc.query.get("__clerk_testing_token");
    const testing =
      !!testingToken && isValidTestingToken(this.ctx.secretKey, testingToken, Math.floor(Date.now() / 1000));
    return { rc, cookies, client, setCookies: [], testing };
  }

  /** Mutating requests create the client on first use, like Clerk's FAPI. */
  ensureClient(ex: FapiExchange): ClientRecord {
    if (ex.client) return ex.client;
    const client = this.state.createClient();
    ex.client = client;
    ex.setCookies.push(clientCookie(client.id));
    return client;
  }

  refreshClient(ex: FapiExchange): ClientRecord | undefined {
    if (ex.client) ex.client = this.state.sessions.getClient(ex.client.id);
    return ex.client;
  }

  activeSessions(client: ClientRecord): SessionRecord[] {
    return client.session_ids
      .map((id) => this.state.sessions.getSession(id))
      .filter((s): s is SessionRecord => !!s && this.state.isSessionActive(s.id));
  }

  /**
   * `__client_uat`: unix seconds of the newest sign-in, 0 when signed out. It only moves on
   * sign-in and sign-out, and never ahead of the wall clock, so every token minted later has iat >= uat.
   */
  clientUat(client: ClientRecord | undefined): number {
    if (!client) return 0;
    const sessions = this.activeSessions(client);
    if (sessions.length === 0) return 0;
    const newest = Math.max(...sessions.map((s) => s.created_at));
    return Math.floor(Math.min(newest, Date.now()) / 1000);
  }

  /** Re-sends `__client_uat` whenever the browser's copy disagrees (sign-in, sign-out, revocation). */
  syncClientUat(ex: FapiExchange): void {
    const uat = String(this.clientUat(ex.client));
    const plain = ex.cookies.get(CLIENT_UAT_COOKIE);
    const suffixed = ex.cookies.get(`${CLIENT_UAT_COOKIE}_${this.suffix}`);
    if (plain === uat && suffixed === uat) return;
    if (plain === undefined && suffixed === undefined && uat === "0" && !ex.client) return;
    ex.setCookies.push(...clientUatCookies(this.suffix, Number(uat)));
  }

  clearClientCookie(ex: FapiExchange): void {
    ex.setCookies.push(serializeCookie(CLIENT_COOKIE, "", { httpOnly: true, maxAgeSeconds: 0 }));
  }

  requireUser(userId: string): UserRecord {
    const user = this.state.users.get(userId);
    if (!user)
      throw clerkError(404, "resource_not_found", "not found", "The user of this session no longer exists.");
    return user;
  }

  /** `organizationId`: the token request's `organization_id` (null = personal account); default the session's active one. */
  mintToken(session: SessionRecord, headers: IncomingHttpHeaders, organizationId?: string | null): string {
    const user = this.requireUser(session.user_id);
    const orgId =
      organizationId === undefined
        ? (this.state.sessions.getSession(session.id)?.last_active_organization_id ?? null)
        : organizationId;
    const organization = orgId ? organizationClaims(this.state.organizations, user.id, orgId) : undefined;
    const claims = sessionClaims({
      session,
      user,
      issuer: this.issuer,
      authorizedParty: appOrigin(headers),
      nowSeconds: Math.floor(Date.now() / 1000),
      ttlSeconds: this.ttlOverrides.ttlFor(user.id, this.ctx.tokenTtlSeconds),
      organization,
    });
    const jwt = this.ctx.signJwt(claims);
    this.lastTokens.set(session.id, jwt);
    return jwt;
  }

  clientView(client: ClientRecord): ClientView {
    const sessions = this.activeSessions(client).map((session) => ({
      session,
      user: this.requireUser(session.user_id),
      jwt: this.lastTokens.get(session.id) ?? null,
      memberships: this.organizationMemberships(session.user_id),
    }));
    const record = client.sign_in_id ? this.signIns.get(client.sign_in_id) : undefined;
    const signIn = record
      ? { record, user: record.user_id ? this.state.users.get(record.user_id) : undefined }
      : null;
    const lastActive = sessions.some((s) => s.session.id === client.last_active_session_id)
      ? client.last_active_session_id
      : (sessions.at(-1)?.session.id ?? null);
    return { client: { ...client, last_active_session_id: lastActive }, sessions, signIn };
  }

  organizationMemberships(userId: string): unknown[] {
    return fapiUserMemberships(this.state.organizations, userId, this.ctx.baseUrl());
  }

  clientJson(ex: FapiExchange) {
    const client = this.refreshClient(ex);
    if (!client) return null;
    const signUp = client.sign_up_id ? this.signUps.get(client.sign_up_id) : undefined;
    return {
      ...fapiClientJson(this.clientView(client)),
      sign_up: signUp ? signUpJson(signUp, this.state.invitations.get(signUp.invitation_id)) : null,
      captcha_bypass: ex.testing,
    };
  }

  /** Clerk's envelope for mutations: the resource plus the whole client, which ClerkJS adopts. */
  send(ex: FapiExchange, response: unknown, status = 200): symbol {
    this.refreshClient(ex);
    this.syncClientUat(ex);
    writeJson(ex.rc.res, status, { response, client: this.clientJson(ex) }, ex.setCookies);
    return HANDLED_MARK;
  }

  sendBare(ex: FapiExchange, body: unknown, status = 200): symbol {
    this.refreshClient(ex);
    this.syncClientUat(ex);
    writeJson(ex.rc.res, status, body, ex.setCookies);
    return HANDLED_MARK;
  }
}

export const HANDLED_MARK: symbol = HANDLED;

export function writeJson(res: ServerResponse, status: number, body: unknown, setCookies: string[]): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    "Cache-Control": "no-store",
    ...(setCookies.length > 0 ? { "Set-Cookie": setCookies } : {}),
  });
  res.end(payload);
}

/** The public origin of the app in front of the proxy (Clerk's proxy sets X-Forwarded-*). */
export function appOrigin(headers: IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  if (typeof origin === "string" && origin !== "null") return origin;
  const host = first(headers["x-forwarded-host"]);
  if (host) return `${first(headers["x-forwarded-proto"]) ?? "http"}://${host}`;
  const proxyUrl = first(headers["clerk-proxy-url"]);
  if (proxyUrl) {
    try {
      return new URL(proxyUrl).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(",")[0]?.trim() || undefined;
}
