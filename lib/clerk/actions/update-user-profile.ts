import type { User } from "@clerk/backend";
import { z } from "zod";
import { defineAction } from "../define-action";
import { getUserOrNotFound, orNotFound, preCheck, userIdField } from "./shared";
import { externalIdField, personNameField, usernameField } from "./user-fields";

const FIELDS = ["first_name", "last_name", "username", "external_id"] as const;
type Field = (typeof FIELDS)[number];

const clearable = <T extends z.ZodType>(field: T, what: string) =>
  field.nullable().optional().describe(`${what}; null clears it, omit to keep it.`);

export const updateUserProfileInput = z
  .strictObject({
    user_id: userIdField,
    first_name: clearable(personNameField("First"), "New first name"),
    last_name: clearable(personNameField("Last"), "New last name"),
    username: clearable(usernameField, "New username (unique)"),
    external_id: clearable(externalIdField, "New external id (your system's id)"),
  })
  .refine((v) => FIELDS.some((k) => v[k] !== undefined), {
    message: "Give at least one of first_name, last_name, username or external_id.",
  });

type Input = z.output<typeof updateUserProfileInput>;

export type UserProfile = Record<Field, string | null>;
export type ProfileSnapshot = UserProfile & { updated_at: number };
export type ProfileAfter = Partial<UserProfile>;

/** The profile fields this action edits, as the user page's profile form shows them. */
export const userProfile = (user: User): UserProfile => ({
  first_name: user.firstName,
  last_name: user.lastName,
  username: user.username,
  external_id: user.externalId,
});

const profileOf = (user: User): ProfileSnapshot => ({ ...userProfile(user), updated_at: user.updatedAt });

function given(input: Input): ProfileAfter {
  const out: ProfileAfter = {};
  for (const k of FIELDS) if (input[k] !== undefined) out[k] = input[k] ?? null;
  return out;
}

export const updateUserProfile = defineAction({
  name: "updateUserProfile",
  title: "Update user profile",
  description:
    "Change a user's first name, last name, username or external id (only the fields given; null clears one). A taken username is refused. Needs human approval.",
  kind: "write",
  input: updateUserProfileInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => profileOf(await getUserOrNotFound(clerk, input.user_id)),
  preview: (input) => given(input),
  checks: (input, snap) => {
    const changed = Object.entries(given(input)).filter(([k, v]) => snap[k as Field] !== v);
    return [
      preCheck(
        "changes_something",
        changed.length > 0,
        `Changes ${changed.map(([k]) => k).join(", ")}.`,
        "The profile already has these values; nothing will change.",
      ),
    ];
  },
  applied: (input, current) => Object.entries(given(input)).every(([k, v]) => current[k as Field] === v),
  undo: {
    inverse: (input, before) => ({
      user_id: input.user_id,
      ...Object.fromEntries(Object.keys(given(input)).map((k) => [k, before[k as Field]])),
    }),
  },
  run: async (input, { clerk }) => {
    const user = await orNotFound(
      clerk.users.updateUser(input.user_id, {
        // The SDK types these as string; null is what clears them in BAPI.
        firstName: input.first_name as string | undefined,
        lastName: input.last_name as string | undefined,
        username: input.username as string | undefined,
        externalId: input.external_id as string | undefined,
      }),
      "User",
      input.user_id,
    );
    return { id: user.id, ...profileOf(user) };
  },
});
