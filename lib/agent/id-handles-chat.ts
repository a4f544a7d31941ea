import type { LanguageModelV4, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import type { IdHandles } from "./id-handles";

/**
 * The model's own earlier calls hold the resolved ids, and the admin may paste a full id; the model
 * reads those as handles too, so a message, a call and a result name a record alike. Only the prompt
 * changes: the stored calls, which the approval signatures cover, keep their real ids.
 */
export function withIdHandles(model: LanguageModelV4, handles: IdHandles): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      transformParams: async ({ params }) => ({ ...params, prompt: renderPrompt(params.prompt, handles) }),
    },
  });
}

function renderPrompt(prompt: LanguageModelV4Prompt, handles: IdHandles): LanguageModelV4Prompt {
  return prompt.map((message) => {
    if (message.role === "user")
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === "text" ? { ...part, text: handles.renderText(part.text) } : part,
        ),
      };
    if (message.role !== "assistant") return message;
    return {
      ...message,
      content: message.content.map((part) => {
        if (part.type === "tool-call") return { ...part, input: handles.render(part.input) };
        return part.type === "text" ? { ...part, text: handles.renderText(part.text) } : part;
      }),
    };
  });
}
