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
    say: "delete user anya.sharma@gmail.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("anya.sharma@gmail.com") } }],
    state: [{ user: "anya.sharma@gmail.com", exists: false }],
  }),
  ask(L, "delete-account-of", {
    say: "delete the account of olivia.johnson@initech.io",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("olivia.johnson@initech.io") } }],
    state: [{ user: "olivia.johnson@initech.io", exists: false }],
  }),
  ask(L, "remove-user", {
    say: "remove user amelia.smith@yahoo.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("amelia.smith@yahoo.com") } }],
    state: [{ user: "amelia.smith@yahoo.com", exists: false }],
  }),
  ask(L, "delete-denied", {
    say: "delete mikhail.jones@stark-industries.com",
    proposals: [{ tool: "deleteUser", args: { user_id: uid("mikhail.jones@stark-industries.com") } }],
    approve: false,
    state: [{ user: "mikhail.jones@stark-industries.com" }],
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
    "change the first name of noah.harris@globex.com to Noel",
    "updateUserProfile",
    "noah.harris@globex.com",
    {
      first_name: "Noel",
    },
    { firstName: "Noel", lastName: "Harris" },
  ),
  one(
    "last-name",
    "set tomas.obrien@globex.com's last name to Brennan",
    "updateUserProfile",
    "tomas.obrien@globex.com",
    {
      last_name: "Brennan",
    },
    { lastName: "Brennan" },
  ),
  one(
    "rename",
    "rename wei.lopez@wayne.enterprises to Wendy Lopez",
    "updateUserProfile",
    "wei.lopez@wayne.enterprises",
    {
      first_name: "Wendy",
      last_name: "Lopez",
    },
    { firstName: "Wendy", lastName: "Lopez" },
  ),
  one(
    "username",
    "set the username of mikhail.thomas@acme.com to mthomas",
    "updateUserProfile",
    "mikhail.thomas@acme.com",
    {
      username: "mthomas",
    },
    { username: "mthomas" },
  ),
  one(
    "external-id",
    "set the external id of maya.martinez@acme.com to crm_777",
    "updateUserProfile",
    "maya.martinez@acme.com",
    {
      external_id: "crm_777",
    },
    { externalId: "crm_777" },
  ),
  one(
    "add-email",
    "add the email sofia.t@example.net to sofia.thompson@acme.com",
    "addEmailAddress",
    "sofia.thompson@acme.com",
    {
      email_address: "sofia.t@example.net",
    },
    { emails: ["sofia.thompson@acme.com", "sofia.thompson@alumni.example.edu", "sofia.t@example.net"] },
  ),
  one(
    "add-verified-email",
    "add a verified email address ethan.work@example.net for ethan.moreau@gmail.com",
    "addEmailAddress",
    "ethan.moreau@gmail.com",
    {
      email_address: "ethan.work@example.net",
      verified: true,
    },
    { verifiedEmails: ["ethan.moreau@gmail.com", "ethan.work@example.net"] },
  ),
  one(
    "verify-email",
    "verify the email emma.muller@alumni.example.edu of emma.muller@yahoo.com",
    "verifyEmailAddress",
    "emma.muller@yahoo.com",
    {
      email_address: "emma.muller@alumni.example.edu",
    },
    { verifiedEmails: ["emma.muller@yahoo.com", "emma.muller@alumni.example.edu"] },
  ),
  one(
    "primary-email",
    "make ella.perez@home.example.net the primary email of ella.perez@hooli.com",
    "setPrimaryEmailAddress",
    "ella.perez@hooli.com",
    {
      email_address: "ella.perez@home.example.net",
    },
    { primaryEmail: "ella.perez@home.example.net" },
  ),
  one(
    "remove-email",
    "remove the email levi.williams@home.example.net from levi.williams@piedpiper.net",
    "removeEmailAddress",
    "levi.williams@piedpiper.net",
    {
      email_address: "levi.williams@home.example.net",
    },
    { emails: ["levi.williams@piedpiper.net"] },
  ),
  one(
    "add-phone",
    "add the phone number +15557770001 to chloe.miller@yahoo.com",
    "addPhoneNumber",
    "chloe.miller@yahoo.com",
    {
      phone_number: "+15557770001",
    },
    { phones: ["+15557770001"] },
  ),
  one(
    "primary-phone",
    "make +442000000016 the primary phone number of amelia.mensah@proton.me",
    "setPrimaryPhoneNumber",
    "amelia.mensah@proton.me",
    {
      phone_number: "+442000000016",
    },
    { phones: ["+15550000016", "+442000000016"] },
  ),
  one(
    "remove-phone",
    "remove the phone number +15550000016 from amelia.mensah@proton.me",
    "removePhoneNumber",
    "amelia.mensah@proton.me",
    { phone_number: "+15550000016" },
    { phones: ["+442000000016"] },
  ),
  ask(P, "remove-primary-phone", {
    // The only (so primary) phone: the card's pre-check refuses it; approving writes nothing.
    say: "delete the phone number +15550000024 of priya.mensah@yahoo.com",
    proposals: [
      {
        tool: "removePhoneNumber",
        args: { user_id: uid("priya.mensah@yahoo.com"), phone_number: "+15550000024" },
      },
    ],
    refusedOnApproval: true,
    state: [{ user: "priya.mensah@yahoo.com", phones: ["+15550000024"] }],
  }),
  {
    id: "add-then-verify-phone",
    category: P,
    turns: [
      {
        say: "add the phone number +15557770002 to noah.harris@globex.com",
        proposals: [
          {
            tool: "addPhoneNumber",
            args: { user_id: uid("noah.harris@globex.com"), phone_number: "+15557770002" },
          },
        ],
        state: [{ user: "noah.harris@globex.com", phones: ["+15557770002"] }],
      },
      {
        say: "verify the phone number +15557770002 of noah.harris@globex.com",
        proposals: [
          {
            tool: "verifyPhoneNumber",
            args: { user_id: uid("noah.harris@globex.com"), phone_number: "+15557770002" },
          },
        ],
      },
    ],
  },
  one(
    "verify-only-email",
    "mark the email arjun.davis@personal.example as verified",
    "verifyEmailAddress",
    "arjun.davis@piedpiper.net",
    { email_address: "arjun.davis@personal.example" },
    { verifiedEmails: ["arjun.davis@piedpiper.net", "arjun.davis@personal.example"] },
  ),
  one(
    "disable-mfa",
    "disable MFA for samir.mensah@hooli.com",
    "disableMfa",
    "samir.mensah@hooli.com",
    {},
    {},
  ),
  one(
    "turn-off-2fa",
    "turn off two-factor authentication for elijah.taylor@stark-industries.com",
    "disableMfa",
    "elijah.taylor@stark-industries.com",
    {},
    {},
  ),
  one(
    "remove-avatar",
    "remove the profile picture of anya.ramirez@piedpiper.net",
    "removeProfileImage",
    "anya.ramirez@piedpiper.net",
    {},
    {},
  ),
  ask(P, "revoke-all-tool", {
    say: "revoke all of mei.harris@gmail.com's sessions",
    proposalsAnyOf: [
      [{ tool: "revokeAllSessions", args: { user_id: uid("mei.harris@gmail.com") } }],
      Array.from({ length: 3 }, () => ({
        tool: "revokeSession",
        args: { session_id: { $sessionOf: "mei.harris@gmail.com" } },
      })),
    ],
    state: [{ user: "mei.harris@gmail.com", activeSessions: 0 }],
  }),
];
