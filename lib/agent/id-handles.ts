import { isToolUIPart, type UIMessage } from "ai";
import { isPlainObject } from "@/lib/clerk/metadata";
import { AppError } from "@/lib/errors/app-error";

/**
 * Short per-chat stand-ins for Clerk ids in what the model reads: `user_482131` (4 o200k tokens)
 * instead of `user_2x…` (about 19). A handle is derived from the id alone (FNV-1a), so every request
 * of a chat, the server and the browser agree on it without storing anything; 6 digits cost the same
 * 4 tokens as 4 or 5 and collide ten times less often than 5.
 */

/** Id prefixes of the Clerk records tools return or take; other `x_…` strings are data. */
const CLERK_PREFIXES = [
  "user",
  "sess",
  "org",
  "orginv",
  "orgmem",
  "inv",
  "idn",
  "sia",
  "sit",
  "act",
  "alid",
  "blid",
  "client",
  "role",
  "perm",
  "wle",
];
const PREFIX = CLERK_PREFIXES.join("|");
/** Real Clerk ids carry at least 10 random characters after the prefix (27 in practice). */
const CLERK_ID = new RegExp(`^([+-]?)((?:${PREFIX})_[A-Za-z0-9]{10,})$`);
const HANDLE = new RegExp(`^([+-]?)((?:${PREFIX})_\\d{6})$`);
/** A word of prose, not part of an email, a domain or a longer name. */
const inText = (pattern: string) =>
  new RegExp(`(?<![A-Za-z0-9_@.-])(?:${PREFIX})_${pattern}(?![A-Za-z0-9_@-])`, "g");
const HANDLE_IN_TEXT = inText("\\d{6}");
const CLERK_ID_IN_TEXT = inText("[A-Za-z0-9]{10,}");

/** The handle of a Clerk id (`user_2x…` → `user_482131`). */
export function handleOf(id: string): string {
  const prefix = id.slice(0, id.indexOf("_"));
  return `${prefix}_${100_000 + (fnv1a(id) % 900_000)}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The Clerk ids the model has seen in one chat. `render` shows each as its handle unless another
 * known id shares that handle (then both stay full ids); `resolve` maps handles in a tool input back
 * to the one id they stand for. Ids are only ever added, so a handle that resolves always resolves to
 * the same record.
 */
export class IdHandles {
  readonly #idsByHandle = new Map<string, Set<string>>();

  /** Records every Clerk id in a tool result (at any depth, metadata included). */
  learn(value: unknown): void {
    visitStrings(value, (text) => {
      const id = CLERK_ID.exec(text)?.[2];
      if (!id) return;
      const handle = handleOf(id);
      const ids = this.#idsByHandle.get(handle) ?? new Set<string>();
      ids.add(id);
      this.#idsByHandle.set(handle, ids);
    });
  }

  /** A copy of `value` with every known id that has a handle of its own replaced by it. */
  render<T>(value: T): T {
    return mapStrings(value, (text) => {
      const [, sign = "", id] = CLERK_ID.exec(text) ?? [];
      return id ? `${sign}${this.#shown(id)}` : text;
    }) as T;
  }

  /** Prose (the admin's words, earlier replies) with the known ids in it shown as handles. */
  renderText(text: string): string {
    return text.replace(CLERK_ID_IN_TEXT, (id) => this.#shown(id));
  }

  /** Prose the model wrote with each handle that stands for one record shown as that record's id. */
  expandText(text: string): string {
    return text.replace(HANDLE_IN_TEXT, (handle) => {
      const ids = this.#idsByHandle.get(handle);
      const [id] = ids ?? [];
      return ids?.size === 1 && id ? id : handle;
    });
  }

  #shown(id: string): string {
    const handle = handleOf(id);
    const ids = this.#idsByHandle.get(handle);
    return ids?.size === 1 && ids.has(id) ? handle : id;
  }

  /**
   * A copy of a tool input with every handle replaced by its id. In an id field (`user_id`,
   * `user_ids`, ...) a handle of no record of this chat is refused (nothing runs); elsewhere such a
   * value is data the admin chose (a username `user_123456`, a metadata value) and stays as it is. A
   * handle of more than one record is refused outside metadata. Handles inside longer text (a note the
   * model copied from the admin's message, which it read with handles) become ids where they stand
   * for one record.
   */
  resolve(input: unknown): unknown {
    return mapStrings(input, (text, field) => {
      const [, sign = "", handle] = HANDLE.exec(text) ?? [];
      if (!handle) return this.expandText(text);
      const ids = this.#idsByHandle.get(handle);
      const [id] = ids ?? [];
      if (ids?.size === 1 && id) return `${sign}${id}`;
      if (field.inMetadata || (!ids && !field.isId)) return text;
      throw new AppError(
        "bad_request",
        ids
          ? `${handle} stands for more than one record in this chat; pass the full id.`
          : `${handle} is not a record from this chat; pass the full id.`,
      );
    });
  }
}

/** The id handles of a chat: every id in the tool results it holds (what the model has read). */
export function chatIdHandles(history: readonly Pick<UIMessage, "parts">[]): IdHandles {
  const handles = new IdHandles();
  for (const message of history)
    for (const part of message.parts)
      if (isToolUIPart(part) && part.state === "output-available") handles.learn(part.output);
  return handles;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (isPlainObject(value)) for (const member of Object.values(value)) visitStrings(member, visit);
}

/** Where a string stands: under a metadata key, or in a field that holds Clerk ids. */
interface Field {
  inMetadata: boolean;
  isId: boolean;
}

/** Keys that hold Clerk ids; `external_id` is the admin's own identifier for a user. */
const ID_KEY = /^(?!external_id$)(?:\w+_)?ids?$/i;

function mapStrings(
  value: unknown,
  map: (text: string, field: Field) => string,
  field: Field = { inMetadata: false, isId: false },
): unknown {
  if (typeof value === "string") return map(value, field);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map, field));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value))
    out[key] = mapStrings(member, map, {
      inMetadata: field.inMetadata || /metadata$/i.test(key),
      isId: ID_KEY.test(key),
    });
  return out;
}
