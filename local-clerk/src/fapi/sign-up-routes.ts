import { formBody } from "../http/body";
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { newId } from "../state/ids";
import { requestActivity } from "../state/session-activity";
import type { InvitationRecord } from "../state/types";
import { sessionExists } from "./errors";
import type { FapiExchange, FapiRuntime } from "./runtime";
import { ticketRefused } from "./tickets";

const FAPI = { auth: false } as const;
const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000;

/** A sign-up attempt: Local Clerk's instance is invitation-only, so every one starts from an invitation ticket. */
export interface SignUpRecord {
  id: string;
  client_id: string;
  status: "missing_requirements" | "complete";
  invitation_id: string;
  email_address: string;
  first_name: string | null;
  last_name: string | null;
  created_user_id: string | null;
  created_session_id: string | null;
  abandon_at: number;
}

export function signUpJson(s: SignUpRecord, invitation: InvitationRecord | undefined) {
  const complete = s.status === "complete";
  return {
    object: "sign_up_attempt" as const,
    id: s.id,
    status: s.status,
    required_fields: ["email_address", "password"],
    optional_fields: ["first_name", "last_name"],
    missing_fields: complete ? [] : ["password"],
    unverified_fields: [],
    verifications: {
      // The invitation link proves the address, as in Clerk.
      email_address: {
        object: "verification",
        status: "verified",
        strategy: "ticket",
        attempts: null,
        expire_at: null,
        error: null,
      },
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: null,
    email_address: s.email_address,
    phone_number: null,
    web3_wallet: null,
    password_enabled: complete,
    first_name: s.first_name,
    last_name: s.last_name,
    unsafe_metadata: {},
    public_metadata: invitation?.public_metadata ?? {},
    custom_action: false,
    external_id: null,
    created_session_id: s.created_session_id,
    created_user_id: s.created_user_id,
    abandon_at: s.abandon_at,
    legal_accepted_at: null,
  };
}

const signUpRestricted = () =>
  clerkError(
    403,
    "sign_up_mode_restricted",
    "Sign-ups are restricted",
    "This application only accepts sign-ups through an invitation.",
  );

/** The invitation a sign-up ticket names (Local Clerk's invitation tickets are the invitation ids). */
function pendingInvitation(rt: FapiRuntime, ticket: string): InvitationRecord {
  const invitation = rt.state.invitations.get(ticket);
  if (!invitation) throw ticketRefused("invalid");
  if (invitation.status === "expired") throw ticketRefused("expired");
  if (invitation.status !== "pending") throw ticketRefused("invalid");
  return invitation;
}

/**
 * FAPI sign-up (restricted mode): `strategy=ticket&ticket=<invitation>` (+ `password`, names). The
 * invitation's email must pass the allow-list and block-list, like any sign-up; on completion the
 * user is created with the invitation's public metadata, the invitation is accepted and a session
 * starts. Without a ticket: 403 `sign_up_mode_restricted`.
 */
export function registerSignUpRoutes(router: Router, rt: FapiRuntime): void {
  router.post(
    "/v1/client/sign_ups",
    (rc) => {
      const form = formBody(rc);
      const ex = rt.exchange(rc);
      if (ex.client && rt.activeSessions(ex.client).length > 0) throw sessionExists();
      const ticket = form.get("ticket");
      if (!ticket) throw signUpRestricted();
      const invitation = pendingInvitation(rt, ticket);
      rt.state.access.assertAllowed(invitation.email_address, "sign_up");
      const client = rt.ensureClient(ex);
      const record: SignUpRecord = {
        id: newId("sua"),
        client_id: client.id,
        status: "missing_requirements",
        invitation_id: invitation.id,
        email_address: invitation.email_address,
        first_name: form.get("first_name") || null,
        last_name: form.get("last_name") || null,
        created_user_id: null,
        created_session_id: null,
        abandon_at: Date.now() + ABANDON_AFTER_MS,
      };
      const password = form.get("password");
      if (password) complete(rt, ex, record, invitation, password);
      rt.signUps.set(record.id, record);
      rt.state.sessions.updateClient(client.id, {
        sign_up_id: record.status === "complete" ? null : record.id,
      });
      return rt.send(ex, signUpJson(record, invitation));
    },
    FAPI,
  );

  const update = (rc: RequestContext) => {
    const ex = rt.exchange(rc);
    const record = rc.params.id ? rt.signUps.get(rc.params.id) : undefined;
    if (!record || !ex.client || record.client_id !== ex.client.id) {
      throw clerkError(
        404,
        "resource_not_found",
        "Sign up not found",
        `No sign up was found with id ${rc.params.id}`,
      );
    }
    const invitation = rt.state.invitations.get(record.invitation_id);
    if (rc.method === "PATCH" && record.status !== "complete") {
      const form = formBody(rc);
      if (form.has("first_name")) record.first_name = form.get("first_name") || null;
      if (form.has("last_name")) record.last_name = form.get("last_name") || null;
      const password = form.get("password");
      if (password) {
        complete(rt, ex, record, pendingInvitation(rt, record.invitation_id), password);
        rt.state.sessions.updateClient(record.client_id, { sign_up_id: null });
      }
    }
    return rt.send(ex, signUpJson(record, invitation));
  };
  router.get("/v1/client/sign_ups/:id", update, FAPI);
  router.patch("/v1/client/sign_ups/:id", update, FAPI);
}

/** Re-checks the lists (they may have changed since the attempt started), then writes user, invitation and session. */
function complete(
  rt: FapiRuntime,
  ex: FapiExchange,
  record: SignUpRecord,
  invitation: InvitationRecord,
  password: string,
): void {
  rt.state.access.assertAllowed(invitation.email_address, "sign_up");
  const user = rt.state.users.create({
    emailAddresses: [invitation.email_address],
    password,
    firstName: record.first_name,
    lastName: record.last_name,
    publicMetadata: invitation.public_metadata,
  });
  rt.state.invitations.accept(invitation.id);
  const session = rt.state.createSession(user.id, record.client_id, requestActivity(ex.rc, record.client_id));
  record.status = "complete";
  record.created_user_id = user.id;
  record.created_session_id = session.id;
  rt.mintToken(session, ex.rc.req.headers);
}
