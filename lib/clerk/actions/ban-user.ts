import { defineUserFlagAction } from "./user-flag";

export const banUser = defineUserFlagAction({
  name: "banUser",
  title: "Ban user",
  description:
    "Ban a user: they are signed out everywhere and cannot sign in until unbanned. Needs human approval.",
  flag: "banned",
  value: true,
});
