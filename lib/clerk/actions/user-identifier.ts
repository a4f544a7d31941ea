import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ClerkClient } from "../client";
import { defineAction, type PreCheck, preWriteRead, type UndoRule } from "../define-action";
import { deepEqual } from "../metadata";
import { getUserOrNotFound, preCheck, userIdField } from "./shared";
import { emailField } from "./user-fields";

type Kind = "email" | "phone";
type Op = "add" | "verify" | "primary" | "remove";

const E164 = /^\+[1-9][0-9]{6,14}$/;
const phoneField = z
  .string()
  .regex(E164, "Use E.164 format: + and 7 to 15 digits, e.g. +4712345678.")
  .describe("A phone number in E.164 format, e.g. +4712345678.");

const FIELD = { email: "email_address", phone: "phone_number" } as const;
const LIST = { email: "email_addresses", phone: "phone_numbers" } as const;
const NOUN = { email: "email address", phone: "phone number" } as const;

/** "verified" | "unverified", plus ", primary": one readable leaf per address in diffs. */
type Status = string;

/** Under the list's own name (email_addresses / phone_numbers), as in the result: address -> status. */
export type IdentifierSnapshot = {
  email_addresses?: Record<string, Status>;
  phone_numbers?: Record<string, Status>;
  ids: Record<string, string>;
  updated_at: number;
};

const itemsOf = (snap: IdentifierSnapshot): Record<string, Status> =>
  snap.email_addresses ?? snap.phone_numbers ?? {};

const status = (verified: boolean, primary: boolean): Status =>
  `${verified ? "verified" : "unverified"}${primary ? ", primary" : ""}`;
const isVerified = (s: Status | undefined) => s?.startsWith("verified") ?? false;
const isPrimary = (s: Status | undefined) => s?.endsWith(", primary") ?? false;

async function readIdentifiers(clerk: ClerkClient, userId: string, kind: Kind): Promise<IdentifierSnapshot> {
  const user = await getUserOrNotFound(clerk, userId);
  const items: Record<string, Status> = {};
  const ids: Record<string, string> = {};
  const list =
    kind === "email"
      ? user.emailAddresses.map((e) => ({ id: e.id, value: e.emailAddress, v: e.verification }))
      : user.phoneNumbers.map((p) => ({ id: p.id, value: p.phoneNumber, v: p.verification }));
  const primaryId = kind === "email" ? user.primaryEmailAddressId : user.primaryPhoneNumberId;
  for (const item of list) {
    items[item.value] = status(item.v?.status === "verified", item.id === primaryId);
    ids[item.value] = item.id;
  }
  return { [LIST[kind]]: items, ids, updated_at: user.updatedAt };
}

function after(
  op: Op,
  value: string,
  snap: IdentifierSnapshot,
  input: { verified?: boolean; primary?: boolean },
) {
  const items = { ...itemsOf(snap) };
  const demoteOthers = () => {
    for (const [k, s] of Object.entries(items)) if (isPrimary(s)) items[k] = status(isVerified(s), false);
  };
  if (op === "add") {
    const primary = input.primary === true || Object.keys(items).length === 0;
    if (primary) demoteOthers();
    items[value] = status(input.verified === true, primary);
  } else if (op === "verify") items[value] = status(true, isPrimary(items[value]));
  else if (op === "primary") {
    demoteOthers();
    items[value] = status(isVerified(items[value]), true);
  } else delete items[value];
  return items;
}

function checks(kind: Kind, op: Op, value: string, snap: IdentifierSnapshot): PreCheck[] {
  const items = itemsOf(snap);
  const has = Object.hasOwn(items, value);
  const s = items[value];
  const noun = NOUN[kind];
  if (op === "add") {
    return [preCheck("new", !has, `Adds ${value}.`, `The user already has ${value}.`)];
  }
  const exists = preCheck("exists", has, `The user has ${value}.`, `The user has no ${noun} ${value}.`);
  if (!has) return [exists];
  if (op === "verify") {
    return [
      exists,
      preCheck(
        "unverified",
        !isVerified(s),
        `${value} will be marked verified.`,
        `${value} is already verified.`,
      ),
    ];
  }
  if (op === "primary") {
    return [
      exists,
      preCheck(
        "not_primary",
        !isPrimary(s),
        `${value} becomes the primary ${noun}.`,
        `${value} is already the primary ${noun}.`,
      ),
      preCheck(
        "verified",
        isVerified(s),
        `${value} is verified.`,
        `${value} is not verified; verify it first.`,
      ),
    ];
  }
  return [
    exists,
    preCheck(
      "not_primary",
      !isPrimary(s),
      `${value} is not the primary ${noun}.`,
      `${value} is the primary ${noun}; make another one primary first.`,
    ),
  ];
}

/** add / verify / set primary / remove of a user's email address or phone number: one shape for all eight. */
export function defineIdentifierAction(spec: {
  name: string;
  title: string;
  description: string;
  kind: Kind;
  op: Op;
}) {
  const { kind, op, ...about } = spec;
  const field = FIELD[kind];
  const valueField = kind === "email" ? emailField.describe("The email address.") : phoneField;
  const shape = {
    user_id: userIdField,
    [field]: valueField,
    ...(op === "add"
      ? {
          verified: z.boolean().optional().describe("Mark it verified right away. Default false."),
          primary: z.boolean().optional().describe("Make it the primary one. Default false."),
        }
      : {}),
  };
  const input = z.strictObject(shape) as unknown as z.ZodType<
    {
      user_id: string;
      verified?: boolean;
      primary?: boolean;
    } & Record<string, string>
  >;
  const addressOf = (i: Record<string, unknown>) => String(i[field]);
  const undo: UndoRule<Record<string, unknown>, IdentifierSnapshot> = op === "primary"
    ? {
        inverse: (i, before) => ({
          user_id: i.user_id as string,
          [field]: Object.entries(itemsOf(before)).find(([, st]) => isPrimary(st))?.[0] ?? addressOf(i),
        }),
        fields: [LIST[kind]],
      }
    : {
        reason:
          op === "add"
            ? `Remove the ${NOUN[kind]} instead (its own change, with its own approval).`
            : op === "verify"
              ? "A verification cannot be withdrawn; remove the address if it must go."
              : `A removed ${NOUN[kind]} can be added again, but not with its verification; add it again instead.`,
      };
  return defineAction({
    ...about,
    kind: "write",
    input,
    target: (i) => ({ type: "user", id: i.user_id }),
    snapshot: (i, { clerk }) => readIdentifiers(clerk, i.user_id, kind),
    preview: (i, snap) => ({ [LIST[kind]]: after(op, addressOf(i), snap, i) }),
    checks: (i, snap) => checks(kind, op, addressOf(i), snap),
    applied: (i, current) =>
      deepEqual(itemsOf(current), after(op, addressOf(i), current, i)) &&
      (op !== "add" || Object.hasOwn(itemsOf(current), addressOf(i))),
    undo,
    run: async (i, { clerk }) => {
      const value = addressOf(i);
      const current = await preWriteRead(
        () => readIdentifiers(clerk, i.user_id, kind),
        `${spec.name}.current`,
      );
      const failed = checks(kind, op, value, current).find((c) => !c.ok);
      if (failed) throw AppError.conflict(`${failed.message} Nothing was changed.`);
      const id = current.ids[value] as string;
      const update = (patch: { verified?: boolean; primary?: boolean }) =>
        kind === "email"
          ? clerk.emailAddresses.updateEmailAddress(id, patch)
          : clerk.phoneNumbers.updatePhoneNumber(id, patch);
      if (op === "add") {
        const fields = { userId: i.user_id, verified: i.verified ?? false, primary: i.primary ?? false };
        await (kind === "email"
          ? clerk.emailAddresses.createEmailAddress({ ...fields, emailAddress: value })
          : clerk.phoneNumbers.createPhoneNumber({ ...fields, phoneNumber: value }));
      } else if (op === "verify") await update({ verified: true });
      else if (op === "primary") await update({ primary: true });
      else
        await (kind === "email"
          ? clerk.emailAddresses.deleteEmailAddress(id)
          : clerk.phoneNumbers.deletePhoneNumber(id));
      const now = await readIdentifiers(clerk, i.user_id, kind);
      return { user_id: i.user_id, [LIST[kind]]: itemsOf(now) };
    },
  });
}
