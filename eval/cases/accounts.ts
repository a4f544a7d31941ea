// The user lifecycle (create, delete) and the account itself: profile fields, email addresses, phone
// numbers, MFA, profile image.
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const L = "lifecycle" as const;
const P = "profile" as const;

const one = (
  id: string,
  say: string,
  tool: string,
  email: string,
  args: Record<string, unknown>,
  state: object,
) =>
  ask(P, id, {
    say,
    proposals: [{ tool, args: { user_id: uid(email), ...args } as never }],
    state: [{ user: email, ...state }],
  });

export const lifecycleCases: EvalCase[] = [
  ask(L, "create-named", {
    say: "create a user nina.novak@example.org named Nina Novak",
    proposals: [
      {
        tool: "createUser",
        args: { email: "nina.novak@example.org", first_name: "Nina", last_name: "Novak" },
      },
    ],
    state: [{ user: "nina.novak@example.org", firstName: "Nina", lastName: "Novak" }],
  }),
  ask(L, "create-username", {
    say: "create a new account for olaf@example.org with username olaf_k",
    proposals: [{ tool: "createUser", args: { email: "olaf@example.org", username: "olaf_k" } }],
    state: [{ user: "olaf@example.org", username: "olaf_k" }],
  }),
  ask(L, "add-new-user", {
    say: "add a new user pia@example.org",
    proposals: [{ tool: "createUser", args: { email: "pia@example.org" } }],
    state: [{ user: "pia@example.org" }],
  }),
  ask(L, "register", {
    say: "register a user quinn@example.org with first name Quinn",
    proposals: [{ tool: "createUser", args: { email: "quinn@example.org", first_name: "Quinn" } }],
    state: [{ user: "quinn@example.org", firstName: "Quinn" }],
  }),
  ask(L, "delete", {
    say: "delete user anyasharma@gmail.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("anyasharma@gmail.com") } }],
    state: [{ user: "anyasharma@gmail.com", exists: false }],
  }),
  ask(L, "delete-account-of", {
    say: "delete the account of oliviajohnson@initech.io",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("oliviajohnson@initech.io") } }],
    state: [{ user: "oliviajohnson@initech.io", exists: false }],
  }),
  ask(L, "remove-user", {
    say: "remove user ameliasmith@yahoo.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("ameliasmith@yahoo.com") } }],
    state: [{ user: "ameliasmith@yahoo.com", exists: false }],
  }),
  ask(L, "delete-denied", {
    say: "delete mikhailjones@stark-industries.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("mikhailjones@stark-industries.com") } }],
    approve: false,
    state: [{ user: "mikhailjones@stark-industries.com" }],
  }),
  {
    id: "create-then-delete",
    category: L,
    turns: [
      {
        say: "create a user rex@example.org",
        proposals: [{ tool: "createUser", args: { email: "rex@example.org" } }],
        state: [{ user: "rex@example.org" }],
      },
      {
        say: "delete rex@example.org",
        proposals: [{ tool: "deleteUser", args: { user_id: { $present: true } } }],
        state: [{ user: "rex@example.org", exists: false }],
      },
    ],
  },
];

export const profileCases: EvalCase[] = [
  one(
    "first-name",
    "change the first name of noahharris@globex.com to Noel",
    "updateUserProfile",
    "noahharris@globex.com",
    {
      first_name: "Noel",
    },
    { firstName: "Noel", lastName: "Harris" },
  ),
  one(
    "last-name",
    "set tomasobrien@globex.com's last name to Brennan",
    "updateUserProfile",
    "tomasobrien@globex.com",
    {
      last_name: "Brennan",
    },
    { lastName: "Brennan" },
  ),
  one(
    "rename",
    "rename weilopez@wayne.enterprises to Wendy Lopez",
    "updateUserProfile",
    "weilopez@wayne.enterprises",
    {
      first_name: "Wendy",
      last_name: "Lopez",
    },
    { firstName: "Wendy", lastName: "Lopez" },
  ),
  one(
    "username",
    "set the username of mikhailthomas@acme.com to mthomas",
    "updateUserProfile",
    "mikhailthomas@acme.com",
    {
      username: "mthomas",
    },
    { username: "mthomas" },
  ),
  one(
    "external-id",
    "set the external id of mayamartinez@acme.com to crm_777",
    "updateUserProfile",
    "mayamartinez@acme.com",
    {
      external_id: "crm_777",
    },
    { externalId: "crm_777" },
  ),
  one(
    "add-email",
    "add the email sofia.t@example.net to sofiathompson@acme.com",
    "addEmailAddress",
    "sofiathompson@acme.com",
    {
      email_address: "sofia.t@example.net",
    },
    { emails: ["sofiathompson@acme.com", "sofiathompson@alumni.example.edu", "sofia.t@example.net"] },
  ),
  one(
    "add-verified-email",
    "add a verified email address ethan.work@example.net for ethanmoreau@gmail.com",
    "addEmailAddress",
    "ethanmoreau@gmail.com",
    {
      email_address: "ethan.work@example.net",
      verified: true,
    },
    { verifiedEmails: ["ethanmoreau@gmail.com", "ethan.work@example.net"] },
  ),
  one(
    "verify-email",
    "verify the email emmamuller@alumni.example.edu of emmamuller@yahoo.com",
    "verifyEmailAddress",
    "emmamuller@yahoo.com",
    {
      email_address: "emmamuller@alumni.example.edu",
    },
    { verifiedEmails: ["emmamuller@yahoo.com", "emmamuller@alumni.example.edu"] },
  ),
  one(
    "primary-email",
    "make ellaperez@home.example.net the primary email of ellaperez@hooli.com",
    "setPrimaryEmailAddress",
    "ellaperez@hooli.com",
    {
      email_address: "ellaperez@home.example.net",
    },
    { primaryEmail: "ellaperez@home.example.net" },
  ),
  one(
    "remove-email",
    "remove the email leviwilliams@home.example.net from leviwilliams@piedpiper.net",
    "removeEmailAddress",
    "leviwilliams@piedpiper.net",
    {
      email_address: "leviwilliams@home.example.net",
    },
    { emails: ["leviwilliams@piedpiper.net"] },
  ),
  one(
    "add-phone",
    "add the phone number +15557770001 to chloemiller@yahoo.com",
    "addPhoneNumber",
    "chloemiller@yahoo.com",
    {
      phone_number: "+15557770001",
    },
    { phones: ["+15557770001"] },
  ),
  one(
    "primary-phone",
    "make +442000100016 the primary phone number of ameliamensah@proton.me",
    "setPrimaryPhoneNumber",
    "ameliamensah@proton.me",
    {
      phone_number: "+442000100016",
    },
    { phones: ["+15550100016", "+442000100016"] },
  ),
  one(
    "remove-phone",
    "remove the phone number +15550100016 from ameliamensah@proton.me",
    "removePhoneNumber",
    "ameliamensah@proton.me",
    { phone_number: "+15550100016" },
    { phones: ["+442000100016"] },
  ),
  ask(P, "remove-primary-phone", {
    // The only (so primary) phone: the card's pre-check refuses it; approving writes nothing.
    say: "delete the phone number +15550100024 of priyamensah@yahoo.com",
    proposals: [
      {
        tool: "removePhoneNumber",
        args: { user_id: uid("priyamensah@yahoo.com"), phone_number: "+15550100024" },
      },
    ],
    refusedOnApproval: true,
    state: [{ user: "priyamensah@yahoo.com", phones: ["+15550100024"] }],
  }),
  {
    id: "add-then-verify-phone",
    category: P,
    turns: [
      {
        say: "add the phone number +15557770002 to noahharris@globex.com",
        proposals: [
          {
            tool: "addPhoneNumber",
            args: { user_id: uid("noahharris@globex.com"), phone_number: "+15557770002" },
          },
        ],
        state: [{ user: "noahharris@globex.com", phones: ["+15557770002"] }],
      },
      {
        say: "verify the phone number +15557770002 of noahharris@globex.com",
        proposals: [
          {
            tool: "verifyPhoneNumber",
            args: { user_id: uid("noahharris@globex.com"), phone_number: "+15557770002" },
          },
        ],
      },
    ],
  },
  one(
    "verify-only-email",
    "mark the email arjundavis@personal.example as verified",
    "verifyEmailAddress",
    "arjundavis@piedpiper.net",
    { email_address: "arjundavis@personal.example" },
    { verifiedEmails: ["arjundavis@piedpiper.net", "arjundavis@personal.example"] },
  ),
  one("disable-mfa", "disable MFA for samirmensah@hooli.com", "disableMfa", "samirmensah@hooli.com", {}, {}),
  one(
    "turn-off-2fa",
    "turn off two-factor authentication for elijahtaylor@stark-industries.com",
    "disableMfa",
    "elijahtaylor@stark-industries.com",
    {},
    {},
  ),
  one(
    "remove-avatar",
    "remove the profile picture of anyaramirez@piedpiper.net",
    "removeProfileImage",
    "anyaramirez@piedpiper.net",
    {},
    {},
  ),
  ask(P, "revoke-all-tool", {
    say: "revoke all of meiharris@gmail.com's sessions",
    proposalsAnyOf: [
      [{ tool: "revokeAllSessions", args: { user_id: uid("meiharris@gmail.com") } }],
      Array.from({ length: 3 }, () => ({
        tool: "revokeSession",
        args: { session_id: { $sessionOf: "meiharris@gmail.com" } },
      })),
    ],
    state: [{ user: "meiharris@gmail.com", activeSessions: 0 }],
  }),
];
