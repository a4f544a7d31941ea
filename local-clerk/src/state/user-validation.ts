import { clerkError } from "../http/errors";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function assertEmail(param: string, email: string): void {
  if (!EMAIL_RE.test(email)) {
    throw clerkError(
      422,
      "form_param_format_invalid",
      "is invalid",
      `${param} must be a valid email address.`,
      {
        param_name: param,
      },
    );
  }
}

export function assertPassword(password: string): void {
  if (password.length < 8) {
    throw clerkError(
      422,
      "form_password_length_too_short",
      "Passwords must be 8 characters or more.",
      "Passwords must be 8 characters or more.",
      { param_name: "password" },
    );
  }
}

export function identifierTaken() {
  return clerkError(
    422,
    "form_identifier_exists",
    "That email address is taken. Please try another.",
    "That email address is taken. Please try another.",
    { param_name: "email_address" },
  );
}

export function usernameTaken() {
  return clerkError(
    422,
    "form_identifier_exists",
    "That username is taken. Please try another.",
    "That username is taken. Please try another.",
    { param_name: "username" },
  );
}
