import { z } from "zod";
import { type ActionContext, defineAction } from "../define-action";
import { toUserStatus } from "../projections";
import { getUserOrNotFound, orNotFound, preCheck, userIdField } from "./shared";

export const userFlagInput = z.strictObject({ user_id: userIdField });

/** Whether the user can sign in at all, bound to their last change. */
export async function userFlagSnapshot(input: { user_id: string }, { clerk }: ActionContext) {
  const user = await getUserOrNotFound(clerk, input.user_id);
  return { banned: user.banned, locked: user.locked, updated_at: user.updatedAt };
}

type Flag = "banned" | "locked";
type Method = "banUser" | "unbanUser" | "lockUser" | "unlockUser";

/** ban/unban/lock/unlock differ only in the flag, its new value and the SDK method. */
export function defineUserFlagAction(spec: {
  name: Method;
  title: string;
  description: string;
  flag: Flag;
  value: boolean;
}) {
  const state = (v: boolean) => `${v ? "" : "not "}${spec.flag}`;
  return defineAction({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    kind: "write",
    input: userFlagInput,
    target: (input) => ({ type: "user", id: input.user_id }),
    snapshot: userFlagSnapshot,
    preview: () => ({ [spec.flag]: spec.value }) as Partial<Record<Flag, boolean>>,
    checks: (_input, snap) => [
      preCheck(
        `already_${state(spec.value).replace(/ /g, "_")}`,
        snap[spec.flag] !== spec.value,
        `The user is ${state(!spec.value)} now.`,
        `The user is already ${state(spec.value)}; nothing will change.`,
      ),
    ],
    applied: (_input, current) => current[spec.flag] === spec.value,
    run: async (input, { clerk }) =>
      toUserStatus(await orNotFound(clerk.users[spec.name](input.user_id), "User", input.user_id)),
  });
}
