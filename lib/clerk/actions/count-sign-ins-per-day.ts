import { z } from "zod";
import { querySignInsPerDay } from "@/lib/sign-ins/queries";
import { defineAction } from "../define-action";
import { signInWindowShape, spanOf } from "./sign-in-shared";
import { refineWindow } from "./user-filters";

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

export const countSignInsPerDayInput = z
  .strictObject(signInWindowShape)
  .superRefine(refineWindow)
  .superRefine((v, ctx) => {
    const w = spanOf(v, 14 * DAY_MS);
    if (w.to.getTime() - w.from.getTime() > MAX_DAYS * DAY_MS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `At most ${MAX_DAYS} days.` });
    }
  });

export const countSignInsPerDay = defineAction({
  name: "countSignInsPerDay",
  title: "Count sign-ins per day",
  description:
    "How many sign-ins there were on each UTC day of a window (default: the last 14 days), every day listed, with the total.",
  kind: "read",
  input: countSignInsPerDayInput,
  run: async (input, ctx) => {
    const days = await querySignInsPerDay(spanOf(input, 14 * DAY_MS), await ctx.db());
    return { days, total: days.reduce((n, d) => n + d.count, 0) };
  },
});
