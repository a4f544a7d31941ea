import { FapiTestClient, passwordSignIn } from "../../local-clerk/src/fapi/test-client";
import { LOCAL_CLERK_URL } from "./local-clerk";

const APP_ORIGIN = `http://localhost:${Number(process.env.E2E_APP_PORT ?? 3100)}`;

/**
 * A password sign-in straight against Local Clerk's Frontend API, as a browser behind a proxy at `ip`
 * (X-Forwarded-For) with `userAgent` would make it: Clerk records that place and device on the
 * session. Returns the new session id. For sign-ins from several places at once, which one machine's
 * browser contexts cannot be.
 */
export function signInFrom(
  user: { email: string; password: string },
  from: { ip: string; userAgent: string },
): Promise<string> {
  const headers = { "x-forwarded-for": from.ip, "user-agent": from.userAgent };
  return passwordSignIn(new FapiTestClient(LOCAL_CLERK_URL, APP_ORIGIN, headers), user.email, user.password);
}
