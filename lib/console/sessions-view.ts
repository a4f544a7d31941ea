/** The sessions page's adjustable view, kept in the URL: ?more_than=2&window=7 (days). */
export interface SessionsView {
  moreThan: number;
  windowDays: number;
}

export const SESSION_WINDOWS = [1, 7, 30] as const;
export const MORE_THAN_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const DEFAULT_SESSIONS_VIEW: SessionsView = { moreThan: 2, windowDays: 7 };

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Anything out of range falls back to the default rather than erroring: the URL is user-editable. */
export function parseSessionsView(params: Record<string, string | string[] | undefined>): SessionsView {
  const moreThan = Number(first(params.more_than));
  const windowDays = Number(first(params.window));
  return {
    moreThan:
      Number.isInteger(moreThan) && moreThan >= 1 && moreThan <= 10
        ? moreThan
        : DEFAULT_SESSIONS_VIEW.moreThan,
    windowDays: (SESSION_WINDOWS as readonly number[]).includes(windowDays)
      ? windowDays
      : DEFAULT_SESSIONS_VIEW.windowDays,
  };
}
