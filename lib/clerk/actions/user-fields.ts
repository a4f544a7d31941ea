import { z } from "zod";

// No control characters (newlines, NUL, bidi overrides) in names: they end up in emails and the console.
const PRINTABLE = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;

export const personNameField = (which: string) =>
  z
    .string()
    .min(1)
    .max(256)
    .regex(PRINTABLE, "Must not contain control characters.")
    .describe(`${which} name.`);

export const usernameField = z
  .string()
  .min(4)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "Use 4–64 letters, digits, dots, dashes or underscores.")
  .describe("Username, unique in the instance: 4–64 letters, digits, '.', '-' or '_'.");

export const externalIdField = z
  .string()
  .min(1)
  .max(255)
  .regex(PRINTABLE, "Must not contain control characters.")
  .describe("The user's id in your own systems, unique in the instance.");

export const passwordField = z
  .string()
  .min(8, "Passwords must be 8 characters or more.")
  .max(72, "Passwords must be at most 72 characters.")
  .describe("The new password, 8 to 72 characters. Never stored or shown by this console.");

export const emailField = z.email().max(320).describe("An email address.");
