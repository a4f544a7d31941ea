import { formBody } from "../http/body";
import { missingParam } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { requestActivity } from "../state/session-activity";
import type { UserRecord } from "../state/types";
import {
  identifierNotFound,
  passwordIncorrect,
  sessionExists,
  signInNotFound,
  strategyInvalid,
  userBanned,
  userLocked,
} from "./errors";
import type { FapiExchange, FapiRuntime } from "./runtime";
import { signInJson } from "./serializers";
import type { SignInRecord } from "./sign-in-store";
import { signInWithTicket } from "./tickets";

const FAPI = { auth: false } as const;

export function registerSignInRoutes(router: Router, rt: FapiRuntime): void {
  router.post("/v1/client/sign_ins", (rc) => createSignIn(rt, rc), FAPI);
  router.get(
    "/v1/client/sign_ins/:id",
    (rc) => {
      const ex = rt.exchange(rc);
      const signIn = requireSignIn(rt, ex, rc.params.id);
      return rt.send(ex, signInJson(signIn, userOf(rt, signIn)));
    },
    FAPI,
  );
  router.post("/v1/client/sign_ins/:id/attempt_first_factor", (rc) => attemptFirstFactor(rt, rc), FAPI);
  router.post(
    "/v1/client/sign_ins/:id/reset",
    (rc) => {
      const ex = rt.exchange(rc);
      const signIn = requireSignIn(rt, ex, rc.params.id);
      const fresh = rt.signIns.create(signIn.client_id, Date.now(), signIn.timezone);
      rt.state.sessions.updateClient(signIn.client_id, { sign_in_id: fresh.id });
      return rt.send(ex, signInJson(fresh, undefined));
    },
    FAPI,
  );
}

function createSignIn(rt: FapiRuntime, rc: RequestContext): symbol {
  const form = formBody(rc);
  const ex = rt.exchange(rc);
  // Single-session instance: a client that is signed in cannot start another sign-in (the UI then re-activates it).
  if (ex.client && rt.activeSessions(ex.client).length > 0) throw sessionExists();
  const client = rt.ensureClient(ex);
  const identifier = form.get("identifier")?.trim() || null;
  const strategy = form.get("strategy") || null;
  const password = form.get("password");

  const signIn = rt.signIns.create(client.id, Date.now(), form.get("timezone"));
  if (strategy === "ticket") {
    const ticket = form.get("ticket");
    if (!ticket) throw missingParam("ticket");
    signInWithTicket(rt, ex, signIn, ticket, assertMaySignIn);
    return rt.send(ex, signInJson(signIn, userOf(rt, signIn)));
  }
  if (identifier) identify(rt, signIn, identifier);
  if (strategy && strategy !== "password") throw strategyInvalid(strategy);
  if (strategy === "password" || password) {
    if (!signIn.user_id) throw missingParam("identifier");
    if (!password) throw missingParam("password");
    verifyPassword(rt, signIn, password);
    complete(rt, ex, signIn);
  } else {
    rt.state.sessions.updateClient(client.id, { sign_in_id: signIn.id });
  }
  return rt.send(ex, signInJson(signIn, userOf(rt, signIn)));
}

function attemptFirstFactor(rt: FapiRuntime, rc: RequestContext): symbol {
  const form = formBody(rc);
  const ex = rt.exchange(rc);
  const signIn = requireSignIn(rt, ex, rc.params.id);
  const strategy = form.get("strategy");
  if (!strategy) throw missingParam("strategy");
  if (signIn.status !== "needs_first_factor" || !signIn.user_id) throw signInNotFound();
  if (strategy !== "password") throw strategyInvalid(strategy);
  const password = form.get("password");
  if (!password) throw missingParam("password");
  verifyPassword(rt, signIn, password);
  complete(rt, ex, signIn);
  return rt.send(ex, signInJson(signIn, userOf(rt, signIn)));
}

function identify(rt: FapiRuntime, signIn: SignInRecord, identifier: string): void {
  rt.state.access.assertAllowed(identifier, "sign_in");
  const user = rt.state.findUserByEmail(identifier);
  if (!user) throw identifierNotFound();
  assertMaySignIn(user);
  signIn.identifier = identifier;
  signIn.user_id = user.id;
  signIn.status = "needs_first_factor";
}

function assertMaySignIn(user: UserRecord): void {
  if (user.banned) throw userBanned();
  if (user.locked) throw userLocked();
}

function verifyPassword(rt: FapiRuntime, signIn: SignInRecord, password: string): void {
  const user = userOf(rt, signIn);
  if (!user) throw identifierNotFound();
  assertMaySignIn(user);
  if (!user.password_hash) throw strategyInvalid("password");
  const attempts = (signIn.first_factor_verification?.attempts ?? 0) + 1;
  if (!rt.state.verifyPassword(user.id, password)) {
    signIn.first_factor_verification = { status: "failed", strategy: "password", attempts };
    throw passwordIncorrect();
  }
  signIn.first_factor_verification = { status: "verified", strategy: "password", attempts };
}

function complete(rt: FapiRuntime, ex: FapiExchange, signIn: SignInRecord): void {
  const userId = signIn.user_id as string;
  const session = rt.state.createSession(userId, signIn.client_id, requestActivity(ex.rc, signIn.client_id));
  signIn.status = "complete";
  signIn.created_session_id = session.id;
  rt.state.sessions.updateClient(signIn.client_id, { sign_in_id: null });
  rt.mintToken(session, ex.rc.req.headers);
}

function requireSignIn(rt: FapiRuntime, ex: FapiExchange, id: string | undefined): SignInRecord {
  const signIn = id ? rt.signIns.get(id) : undefined;
  if (!signIn || !ex.client || signIn.client_id !== ex.client.id) throw signInNotFound();
  return signIn;
}

function userOf(rt: FapiRuntime, signIn: SignInRecord): UserRecord | undefined {
  return signIn.user_id ? rt.state.users.get(signIn.user_id) : undefined;
}
