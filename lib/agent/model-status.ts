// Shared by the model factory, the chat handler and the chat UI (no server imports here).
export const MODEL_NOT_CONFIGURED =
  "The assistant is not configured: set OPENAI_API_KEY (or OPENAI_BASE_URL and AI_MODEL), or AI_MODEL=offline for the built-in offline model.";
