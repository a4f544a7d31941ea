import { defineUserFlagAction } from "./user-flag";

export const unlockUser = defineUserFlagAction({
  name: "unlockUser",
  title: "Unlock user",
  description: "Unlock a locked account so the user can sign in again. Needs human approval.",
  flag: "locked",
  value: false,
});
