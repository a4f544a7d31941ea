import type { UIMessage } from "ai";
import { withoutSecrets } from "@/lib/clerk/define-action";
import { getAction } from "@/lib/clerk/registry";

/** Tool parts as they may be stored: a secret a model put in a tool call (a password) becomes a placeholder. */
export function scrubSecrets(parts: UIMessage["parts"]): UIMessage["parts"] {
  return parts.map((part) => {
    if (!part.type.startsWith("tool-") || !("input" in part)) return part;
    const action = getAction(part.type.slice("tool-".length));
    if (!action?.secretFields && !action?.secretOutputs) return part;
    const scrubbed = { ...part, input: withoutSecrets(action, part.input) };
    if ("output" in part) Object.assign(scrubbed, { output: withoutSecrets(action, part.output) });
    return scrubbed as typeof part;
  });
}
