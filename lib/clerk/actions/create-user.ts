import { z } from "zod";
import { defineAction, type PreCheck } from "../define-action";
import { type Metadata, metadataSizeChecks } from "../metadata";
import { toUserSummary } from "../projections";
import { assertMetadataFits, note, preCheck } from "./shared";
import { emailField, passwordField, personNameField, usernameField } from "./user-fields";

const createMetadata = (which: string) =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .describe(`${which} metadata the new user starts with. Max 8 KB.`);

export const createUserInput = z.strictObject({
  email: emailField.describe("The new user's email address (becomes the primary one, verified)."),
  first_name: personNameField("First").optional(),
  last_name: personNameField("Last").optional(),
  username: usernameField.optional(),
  password: passwordField.optional(),
  skip_password_requirement: z
    .boolean()
    .optional()
    .describe("Create the user without a password even if the instance requires one. Default false."),
  public_metadata: createMetadata("Public"),
  private_metadata: createMetadata("Private"),
});

type Input = z.output<typeof createUserInput>;

export interface CreateUserSnapshot {
  email_taken_by: string | null;
  username_taken_by: string | null;
}

function preview(input: Input) {
  return {
    email_address: input.email,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    username: input.username ?? null,
    password: input.password ? "set (hidden)" : "none",
    public_metadata: input.public_metadata ?? {},
    private_metadata: input.private_metadata ?? {},
  };
}

function checks(input: Input, snap: CreateUserSnapshot): PreCheck[] {
  return [
    preCheck(
      "email_free",
      snap.email_taken_by === null,
      `No user has ${input.email} yet.`,
      `${input.email} already belongs to ${snap.email_taken_by}.`,
    ),
    ...(input.username
      ? [
          preCheck(
            "username_free",
            snap.username_taken_by === null,
            `The username ${input.username} is free.`,
            `The username ${input.username} is taken by ${snap.username_taken_by}.`,
          ),
        ]
      : []),
    note(
      "password",
      input.password
        ? "A password is set; it is not stored or shown here."
        : "No password: the user signs in with a one-time code or link.",
    ),
    ...metadataSizeChecks(
      { public_metadata: input.public_metadata, private_metadata: input.private_metadata },
      false,
    ),
  ];
}

export const createUser = defineAction({
  name: "createUser",
  title: "Create user",
  description:
    "Create a Clerk user with an email address and optionally names, a username, a password and public/private metadata. Refused if the email or username is taken. A password can only be set from the console, never through the agent. Needs human approval.",
  kind: "write",
  input: createUserInput,
  fieldAliases: { email_address: "email" },
  secretFields: ["password"],
  target: (input) => ({ type: "user", email: input.email }),
  snapshot: async (input, { clerk }): Promise<CreateUserSnapshot> => {
    const [byEmail, byUsername] = await Promise.all([
      clerk.users.getUserList({ emailAddress: [input.email], limit: 1 }),
      input.username
        ? clerk.users.getUserList({ username: [input.username], limit: 1 })
        : Promise.resolve(null),
    ]);
    return {
      email_taken_by: byEmail.data[0]?.id ?? null,
      username_taken_by: byUsername?.data[0]?.id ?? null,
    };
  },
  preview: (input) => preview(input),
  checks,
  applied: (_input, current) => current.email_taken_by !== null,
  undo: {
    reason: "Undoing a new user means deleting it: use Delete user, which shows what would be lost.",
  },
  run: async (input, { clerk }) => {
    assertMetadataFits(
      { public_metadata: input.public_metadata, private_metadata: input.private_metadata },
      "Metadata is over Clerk's 8 KB limit; no user was created.",
      false,
    );
    const user = await clerk.users.createUser({
      emailAddress: [input.email],
      firstName: input.first_name,
      lastName: input.last_name,
      username: input.username,
      password: input.password,
      skipPasswordRequirement: input.skip_password_requirement ?? !input.password,
      publicMetadata: input.public_metadata as Metadata | undefined,
      privateMetadata: input.private_metadata as Metadata | undefined,
    });
    return toUserSummary(user);
  },
});
