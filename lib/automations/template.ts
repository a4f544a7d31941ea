// Templated arguments: `{{user.id}}`, `{{event.data.email_addresses[0].email_address}}`. A path is
// looked up in plain data, step by step (own properties and array indexes only); nothing is evaluated.
import { AppError } from "@/lib/errors";

const STEP = /^(?:\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,4})\])/;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

export type PathStep = string | number;

/** Parses `a.b[0].c` into steps; anything else (operators, calls, quotes) is refused. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let rest = path.trim();
  if (!rest || rest.startsWith(".") || rest.startsWith("[")) throw badPath(path);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) throw badPath(path);
    if (m[1] !== undefined) {
      if (FORBIDDEN.has(m[1])) throw badPath(path);
      steps.push(m[1]);
    } else steps.push(Number(m[2]));
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function badPath(path: string): AppError {
  return AppError.validation(
    {
      template: [
        `"${path.slice(0, 80)}" is not a path like user.id or event.data.email_addresses[0].email_address`,
      ],
    },
    "A template holds a path, nothing else.",
  );
}

/** The value at `path`, or undefined when any step is missing. */
export function lookupPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const step of parsePath(path)) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, step)) return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}

function renderString(text: string, scope: unknown): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return resolve(scope, whole[1] ?? "");
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const v = resolve(scope, path);
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}

function resolve(scope: unknown, path: string): unknown {
  const v = lookupPath(scope, path);
  if (v === undefined || v === null)
    throw new AppError("validation_failed", `The event has no value at {{${path}}}.`, {
      details: { reason: "template_unresolved", path },
    });
  return v;
}

/** Renders every string in a JSON value; a string that is one placeholder keeps the value's type. */
export function renderTemplate(value: unknown, scope: unknown): unknown {
  if (typeof value === "string") return renderString(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderTemplate(v, scope));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderTemplate(v, scope);
    return out;
  }
  return value;
}

/** Every path used in a JSON value's templates (checked when a rule is saved). */
export function templatePaths(value: unknown): string[] {
  if (typeof value === "string") return [...value.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
  if (Array.isArray(value)) return value.flatMap(templatePaths);
  if (value && typeof value === "object") return Object.values(value).flatMap(templatePaths);
  return [];
}
