export { HELP_TEXT, helpText } from "./help";
export type { Decision, Intent, PlannedCall } from "./intent";
export { type Conversation, readPrompt } from "./observations";
export {
  createOfflineModel,
  OFFLINE_MODEL_ID,
  OFFLINE_PROVIDER,
  type OfflineModelOptions,
} from "./offline-model";
export { parseRequest } from "./parse-request";
export { decide, decideIntent } from "./planner";
