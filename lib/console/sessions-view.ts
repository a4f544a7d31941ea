import { createLoader, parseAsNumberLiteral } from "nuqs/server";

/** The sessions page's adjustable view, kept in the URL: ?more_than=2&window=7 (days). */
export interface SessionsView {
  moreThan: number;
  windowDays: number;
}

export const SESSION_WINDOWS = [1, 7, 30] as const;
export const MORE_THAN_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const DEFAULT_SESSIONS_VIEW: SessionsView = { moreThan: 2, windowDays: 7 };

/**
 * Shared by the page (loader) and its controls (useQueryStates). Anything but a listed choice falls
 * back to the default rather than erroring: the URL is user-editable.
 */
export const sessionsSearchParams = {
  more_than: parseAsNumberLiteral(MORE_THAN_CHOICES).withDefault(2),
  window: parseAsNumberLiteral(SESSION_WINDOWS).withDefault(7),
};

const loadSessionsSearchParams = createLoader(sessionsSearchParams);

export function parseSessionsView(params: Record<string, string | string[] | undefined>): SessionsView {
  const raw = loadSessionsSearchParams(params);
  return { moreThan: raw.more_than, windowDays: raw.window };
}
