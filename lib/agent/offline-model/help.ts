export const HELP_TEXT = `I'm the built-in offline assistant. I understand requests like these:
- find users at acme.com · users named Jane · the 5 newest users · users on the free plan at acme.com
- how many users are there? · how many users are on the pro plan? · list users with plan=enterprise
- which users are banned? · who signed up in the last 7 days? · who hasn't signed in for 90 days?
- show jane@acme.com (or a user id like user_123)
- set plan=pro for jane@acme.com · set jane@acme.com's role to admin · make bob@x.com an admin
- remove the plan key from jane@acme.com · set private note="VIP" for jane@acme.com
- set plan=pro for everyone at acme.com who is on free
- invite bob@example.com as an editor · invite x@y.com with plan=pro and redirect to https://app.example.com/welcome
- list pending invitations · revoke the invitation for bob@example.com
- list sessions for jane@acme.com · sign out jane@acme.com everywhere · revoke session sess_123
- ban / unban / lock / unlock jane@acme.com
- what did I change today? · what did alice do to bob@acme.com? · undo the last one · undo my last change
Every change waits for your approval before it runs.`;

export function helpText(options: { greeting?: boolean; note?: string } = {}): string {
  const lead = options.note ? `${options.note} ` : options.greeting ? "Hello! " : "";
  return `${lead}${HELP_TEXT}`;
}
