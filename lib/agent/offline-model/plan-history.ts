import { isPlainObject } from "@/lib/clerk/metadata";
import { errorText, minuteText, quote } from "./format";
import type { Decision, Intent, JsonObject } from "./intent";
import { type Conversation, listOf, type Observation, str } from "./observations";
import { call, calls, observed, say } from "./steps";

type AuditIntent = Extract<Intent, { kind: "listAudit" }>;
type UndoIntent = Extract<Intent, { kind: "undo" }>;

function changesLine(changes: unknown): string {
  if (!isPlainObject(changes)) return "";
  const parts = Object.entries(changes).map(([field, c]) =>
    Array.isArray(c)
      ? `${field.replace("_metadata", " metadata")} ${c.map(String).join(", ")}`
      : `${field} ${c}`,
  );
  return parts.length > 0 ? ` (${parts.join("; ").slice(0, 240)})` : "";
}

function entryLine(e: Record<string, unknown>): string {
  const when = minuteText(e.when);
  const outcome = str(e.outcome);
  const failed =
    outcome && outcome !== "ok" ? ` [${outcome}${str(e.error) ? `: ${quote(e.error, 80)}` : ""}]` : "";
  const undo = str(e.undo_of) || str(e.source) === "undo" ? " (an undo)" : "";
  return `- ${when} UTC, ${quote(str(e.who) ?? "someone", 60)}: ${str(e.action) ?? "?"} on ${quote(
    str(e.target) ?? "?",
    60,
  )}${changesLine(e.changes)}${undo}${failed}`;
}

function summarizeIntent(intent: AuditIntent): string {
  const who = intent.actor === "me" ? "by you" : intent.actor ? `by ${intent.actor}` : "";
  return [
    intent.outcome ? "failed" : "",
    who,
    intent.target ? `to ${intent.target}` : "",
    intent.range?.text ?? "",
  ]
    .filter(Boolean)
    .join(" ");
}

function planListAudit(intent: AuditIntent, conv: Conversation): Decision {
  const done = observed(conv, "listAuditEntries")[0];
  if (!done) {
    const input: JsonObject = { limit: 20 };
    if (intent.actor) input.actor = intent.actor;
    if (intent.target) input.target = intent.target;
    if (intent.range?.after) input.from = intent.range.after;
    if (intent.range?.before) input.to = intent.range.before;
    if (intent.outcome) input.outcome = intent.outcome;
    return calls([call("listAuditEntries", input)]);
  }
  const outcome = done.outcome;
  if (!outcome) return say("I'm still waiting for the audit log.");
  if (outcome.status !== "ok") {
    return say(
      outcome.status === "denied"
        ? "The audit lookup was denied."
        : `I couldn't read the audit log: ${errorText(outcome)}.`,
    );
  }
  const list = listOf(outcome.value, ["entries"]);
  const entries = (list?.items ?? []).filter(isPlainObject);
  const what = summarizeIntent(intent);
  if (entries.length === 0)
    return say(
      `No changes ${what || "recorded yet"}.`.replace(
        "No changes recorded yet.",
        "No changes are recorded yet.",
      ),
    );
  const total = list?.total ?? entries.length;
  const head = `${total} change${total === 1 ? "" : "s"}${what ? ` ${what}` : ""}${total > entries.length ? ` (newest ${entries.length})` : ""}:`;
  return say(`${head}\n${entries.map(entryLine).join("\n")}\nSay “undo the last one” to revert the newest.`);
}

function undoInput(intent: UndoIntent, conv: Conversation): JsonObject {
  if (intent.entryId) return { audit_entry_id: intent.entryId };
  if (intent.context && conv.contextAuditEntry) return { audit_entry_id: conv.contextAuditEntry };
  const input: JsonObject = {};
  if (intent.actor || !intent.target) input.actor = intent.actor ?? "me";
  if (intent.target) input.target = intent.target;
  return input;
}

function undoneText(write: Observation, entry: Record<string, unknown>, changes: string[]): string {
  const what = `${str(entry.action) ?? "the change"} on ${quote(str(entry.target) ?? "?", 60)}`;
  const outcome = write.outcome;
  if (!outcome) return "The undo is waiting for your approval.";
  if (outcome.status === "denied") return `You denied the undo of ${what}; nothing was changed.`;
  if (outcome.status === "error")
    return `The undo of ${what} was refused: ${errorText(outcome)}. Nothing was written.`;
  return `Undone: ${what} is reverted${changes.length ? ` (${changes.join("; ").slice(0, 240)})` : ""}.`;
}

function planUndo(intent: UndoIntent, conv: Conversation): Decision {
  const proposed = observed(conv, "proposeUndo")[0];
  if (!proposed) return calls([call("proposeUndo", undoInput(intent, conv))]);
  const outcome = proposed.outcome;
  if (!outcome) return say("I'm still working out the undo.");
  if (outcome.status !== "ok") {
    return say(
      outcome.status === "denied"
        ? "The undo lookup was denied."
        : `I can't undo that: ${errorText(outcome)}.`,
    );
  }
  const value = isPlainObject(outcome.value) ? outcome.value : {};
  const entry = isPlainObject(value.entry) ? value.entry : {};
  const what = `${str(entry.action) ?? "that change"} on ${quote(str(entry.target) ?? "?", 60)}`;
  const tool = str(value.tool);
  if (value.undoable !== true || !tool || !isPlainObject(value.input)) {
    return say(`I can't undo ${what}: ${str(value.reason) ?? "it has no undo rule"}`);
  }
  const changes = Array.isArray(value.changes) ? value.changes.map(String) : [];
  const write = observed(conv, tool).at(-1);
  if (!write) return calls([call(tool, value.input as JsonObject)]);
  return say(undoneText(write, entry, changes));
}

export function planHistory(intent: Intent, conv: Conversation): Decision | undefined {
  if (intent.kind === "listAudit") return planListAudit(intent, conv);
  if (intent.kind === "undo") return planUndo(intent, conv);
  return undefined;
}
