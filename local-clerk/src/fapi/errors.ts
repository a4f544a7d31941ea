import { clerkError } from "../http/errors";

// Clerk's own codes and wording: @clerk/ui localizes none of these for en-US, so it shows
// `long_message` as is, and routes field errors by `meta.param_name`.
export const identifierNotFound = () =>
  clerkError(422, "form_identifier_not_found", "Couldn't find your account.", "Couldn't find your account.", {
    param_name: "identifier",
  });

export const passwordIncorrect = () =>
  clerkError(
    422,
    "form_password_incorrect",
    "Password is incorrect. Try again, or use another method.",
    "Password is incorrect. Try again, or use another method.",
    { param_name: "password" },
  );

export const userBanned = () =>
  clerkError(
    403,
    "user_banned",
    "Account banned",
    "You are not allowed to sign in because this account has been banned. Contact support for more information.",
  );

const LOCKOUT_SECONDS = 30 * 60;
export const userLocked = () =>
  clerkError(
    403,
    "user_locked",
    "Account locked",
    "Your account is locked. You will be able to try again in 30 minutes. For more information, contact support.",
    { lockout_expires_in_seconds: LOCKOUT_SECONDS },
  );

export const strategyInvalid = (strategy: string) =>
  clerkError(
    400,
    "strategy_for_user_invalid",
    "Invalid verification strategy",
    `The verification strategy "${strategy}" is not valid for this account.`,
    { param_name: "strategy" },
  );

export const signedOut = () => clerkError(401, "signed_out", "Signed out", "You are signed out.");

export const sessionExists = () =>
  clerkError(400, "session_exists", "Session already exists", "You're already signed in.");

export const signInNotFound = () =>
  clerkError(
    404,
    "resource_not_found",
    "not found",
    "No sign-in attempt with this id exists on this client.",
  );
