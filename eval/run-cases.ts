// Runs every case in its own chat, turn by turn, approving (or denying) proposals through the chat's
// approval path, and scores each turn. One Local Clerk and one store for the whole set: cases act on
// distinct users, so their end states do not interfere.
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ModelInfo } from "@/lib/agent/chat-handler";
import { answerPlan, planCardOf } from "./bulk-approval";
import { answer, type ChatSession, type EvalEnv, metered, say, type TurnResult, type Usage } from "./harness";
import { fillIds } from "./match";
import { scoreOutcome, scoreProposalPhase } from "./score";
import { plannedKeys, scorePlanOutcome } from "./score-bulk";
import type { Category, EvalCase, Turn } from "./types";

export interface CaseResult {
  id: string;
  category: Category;
  passed: boolean;
  failures: string[];
  steps: number;
  inputTokens: number;
  outputTokens: number;
  ms: number;
  /** The turns as they ran: what was said, which tools were called, what was proposed, the answer. */
  transcript: { say: string; tools: string[]; proposals: string[]; answer: string }[];
}

export async function runCase(
  env: EvalEnv,
  model: LanguageModelV4,
  modelInfo: ModelInfo,
  c: EvalCase,
  index: number,
): Promise<CaseResult> {
  const usage: Usage = { steps: 0, inputTokens: 0, outputTokens: 0 };
  const session: ChatSession = {
    env,
    chatId: `eval_${index}_${c.id}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64),
    model: metered(model, usage),
    modelInfo,
  };
  const failures: string[] = [];
  const transcript: CaseResult["transcript"] = [];
  const started = performance.now();
  try {
    for (const [i, turn] of c.turns.entries()) {
      const auth = env.actors[turn.as ?? "admin"];
      const result = await say(session, auth, fillIds(turn.say, env.lc));
      const label = c.turns.length > 1 ? `turn ${i + 1}: ` : "";
      const phase = scoreProposalPhase(turn, result, env.lc);
      failures.push(...phase.map((f) => label + f));
      const entry = {
        say: turn.say,
        tools: result.calls.map((x) => x.tool),
        proposals: result.proposals.map((p) => `${p.tool} ${JSON.stringify(p.args)}`),
        answer: result.text,
      };
      transcript.push(entry);
      // A wrong proposal is denied, not approved: it must not write into the state later cases read.
      const approve = (turn.approve ?? true) && phase.length === 0;
      let after = null;
      const expects = (turn.proposals?.length ?? 0) > 0 || (turn.proposalsAnyOf?.length ?? 0) > 0;
      if (result.proposals.length > 0 && expects) {
        after = await answer(session, auth, result.proposals, approve);
        entry.answer += `\n[after ${approve ? "approval" : "denial"}] ${after.text}`;
      }
      if (turn.bulkPlan?.approve !== undefined) {
        const planApproved = turn.bulkPlan.approve && phase.length === 0;
        const plan = await answerBulkPlan(env, auth, turn, result, planApproved);
        entry.answer += `\n[plan ${planApproved ? "approved" : "denied"}] ${plan.length ? plan.join("; ") : "ok"}`;
        if (phase.length === 0) failures.push(...plan.map((f) => label + f));
      }
      if (phase.length === 0)
        failures.push(...scoreOutcome(turn, approve, after, env.lc).map((f) => label + f));
    }
  } catch (err) {
    failures.push(`threw: ${(err as Error).message}`);
  }
  return {
    id: c.id,
    category: c.category,
    passed: failures.length === 0,
    failures,
    ...usage,
    ms: Math.round(performance.now() - started),
    transcript,
  };
}

/**
 * Answers the turn's one bulk plan on its card (a wrong plan is denied) and scores what the run wrote:
 * approved, exactly the planned users, each once, now holding the change; denied, nothing.
 */
async function answerBulkPlan(
  env: EvalEnv,
  auth: EvalEnv["actors"]["admin"],
  turn: Turn,
  result: TurnResult,
  approved: boolean,
): Promise<string[]> {
  const call = result.calls.find((c) => c.tool === "proposeBulkJob");
  const card = planCardOf(call?.output);
  if (!call || !card) return ["no bulk plan card to answer"];
  if (!turn.bulkPlan) return [];
  const planned = plannedKeys(env.lc, turn.bulkPlan.targets);
  const after = await answerPlan(env, auth, card, approved);
  return scorePlanOutcome(env.lc, approved, turn.bulkPlan.targets, planned, call, after);
}
