import type { DateRange, UserFilter } from "./intent";

const DAY = 86_400_000;
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  fourteen: 14,
  thirty: 30,
  ninety: 90,
};

const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

const AMOUNT = String.raw`(\d{1,4}|a|an|one|two|three|four|five|six|seven|ten|fourteen|thirty|ninety)`;
const UNIT = "(hour|day|week|month|year)s?";
const DATE = String.raw`(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?)`;

/** A match of `${AMOUNT} ${UNIT}`: the instant that long before `now`, and the words for the span. */
function spanBack(m: RegExpExecArray | null, now: number): { at: string; words: string } | undefined {
  if (!m?.[1] || !m[2]) return undefined;
  const amount = NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
  const unit = m[2].toLowerCase();
  const at = iso(now - amount * (UNIT_DAYS[unit] ?? 1) * DAY);
  return { at, words: `${amount} ${unit}${amount === 1 ? "" : "s"}` };
}

/** "the last 7 days", "this week", "since 2026-12-01" … as a range starting at `after`. */
export function recentRange(phrase: string, now: number): DateRange | undefined {
  const span = spanBack(
    new RegExp(
      String.raw`\b(?:in |within |during |over )?(?:the )?(?:last|past) ${AMOUNT} ${UNIT}\b`,
      "i",
    ).exec(phrase),
    now,
  );
  if (span) return { after: span.at, text: `in the last ${span.words}` };
  const unit = /\b(?:in |during |over )?(?:the )?(?:last|past) (hour|day|week|month|year)\b/i.exec(phrase);
  if (unit?.[1]) {
    const days = UNIT_DAYS[unit[1].toLowerCase()] ?? 1;
    return { after: iso(now - days * DAY), text: `in the last ${unit[1].toLowerCase()}` };
  }
  if (/\btoday\b/i.test(phrase)) return { after: iso(startOfDay(now)), text: "today" };
  if (/\byesterday\b/i.test(phrase)) {
    const today = startOfDay(now);
    return { after: iso(today - DAY), before: iso(today), text: "yesterday" };
  }
  if (/\bthis week\b/i.test(phrase)) {
    const day = (new Date(now).getUTCDay() + 6) % 7;
    return { after: iso(startOfDay(now) - day * DAY), text: "this week" };
  }
  if (/\bthis month\b/i.test(phrase)) {
    const d = new Date(now);
    return { after: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), text: "this month" };
  }
  const since = new RegExp(String.raw`\b(?:since|after|from) ${DATE}`, "i").exec(phrase);
  const before = new RegExp(String.raw`\b(?:before|until|till|prior to) ${DATE}`, "i").exec(phrase);
  if (since?.[1] || before?.[1]) {
    const range: DateRange = { text: "" };
    if (since?.[1]) range.after = since[1];
    if (before?.[1]) range.before = before[1];
    range.text = [since?.[1] ? `after ${since[1]}` : "", before?.[1] ? `before ${before[1]}` : ""]
      .filter(Boolean)
      .join(" and ");
    return range;
  }
  return undefined;
}

/** "for 30 days", "in the last 3 months" after a negation: an upper bound, not a lower one. */
function staleSince(phrase: string, now: number): DateRange | undefined {
  const span = spanBack(
    new RegExp(String.raw`\b(?:in|for|within) (?:the )?(?:(?:last|past) )?${AMOUNT} ${UNIT}\b`, "i").exec(
      phrase,
    ),
    now,
  );
  if (span) return { before: span.at, text: `for ${span.words}` };
  const since = new RegExp(String.raw`\bsince ${DATE}`, "i").exec(phrase);
  if (since?.[1]) return { before: since[1], text: `since ${since[1]}` };
  return undefined;
}

const SIGN_UP =
  /\b(?:signed[- ]?up|sign[- ]?ups?|joined|registered|created|new (?:users|accounts|members|sign-?ups))\b/i;
const SIGN_IN = /\b(?:signed|logged) ?in\b|\b(?:sign|log)[- ]?ins?\b|\blogins?\b/i;
const ACTIVE = /\b(?:active|seen|used the app)\b/i;
const NOT_SIGNED_IN =
  /\b(?:haven't|have not|hasn't|has not|didn't|did not|not|never|no) (?:been )?(?:signed|logged) ?in\b|\b(?:no|without (?:a|any)) (?:sign[- ]?ins?|log[- ]?ins?|logins?)\b/i;
const INACTIVE = /\b(?:inactive|(?:haven't|have not|hasn't|has not|not) been (?:active|seen)|dormant)\b/i;

/** Date conditions in a request, as Clerk's date-range filters (ISO dates; Clerk gets ms). */
export function parseDateFilters(
  text: string,
  now: number,
): Pick<UserFilter, "created" | "signedIn" | "active"> {
  const out: Pick<UserFilter, "created" | "signedIn" | "active"> = {};
  if (NOT_SIGNED_IN.test(text)) {
    const range = staleSince(text, now);
    if (range) out.signedIn = { ...range, text: `not signed in ${range.text}` };
  } else if (INACTIVE.test(text)) {
    const range = staleSince(text, now);
    if (range) out.active = { ...range, text: `inactive ${range.text}` };
  } else if (SIGN_IN.test(text) && !SIGN_UP.test(text)) {
    const range = recentRange(text, now);
    if (range) out.signedIn = { ...range, text: `signed in ${range.text}` };
  } else if (ACTIVE.test(text) && !SIGN_UP.test(text)) {
    const range = recentRange(text, now);
    if (range) out.active = { ...range, text: `active ${range.text}` };
  } else {
    const range = recentRange(text, now);
    if (range && (SIGN_UP.test(text) || /\b(?:users|accounts|people|members)\b/i.test(text))) {
      out.created = { ...range, text: `who signed up ${range.text}` };
    }
  }
  return out;
}
