import type { UIMessage } from "ai";
import { withoutSecrets } from "@/lib/clerk/define-action";
import { getAction } from "@/lib/clerk/registry";

export const SECRETS_REFUSED =
  "Passwords are never sent through the chat: approvals and transcripts would store them. Set it on the user's page in the console (Danger zone).";

/** Tool parts as they may be stored: a secret a model put in a tool call (a password) becomes a placeholder. */
export function scrubSecrets(parts: UIMessage["parts"]): UIMessage["parts"] {
  return parts.map((part) => {
    if (!part.type.startsWith("tool-") || !("input" in part)) return part;
    const action = getAction(part.type.slice("tool-".length));
    if (!action?.secretFields) return part;
    return { ...part, input: withoutSecrets(action, part.input) } as typeof part;
  });
}
