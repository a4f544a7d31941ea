import { z } from "zod";
import { defineAction } from "../define-action";
import { toUserSummary } from "../projections";
import { getUserOrNotFound, userIdField } from "./shared";

export const getUserInput = z.strictObject({ user_id: userIdField });

export const getUser = defineAction({
  name: "getUser",
  title: "Get user",
  description:
    "Get one Clerk user by id: names, email addresses, sign-in times, banned/locked status and metadata.",
  kind: "read",
  input: getUserInput,
  run: async (input, { clerk }) => toUserSummary(await getUserOrNotFound(clerk, input.user_id)),
});
