import { createLoader, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";

export const INVITATION_STATUS_FILTERS = ["all", "pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatusFilter = (typeof INVITATION_STATUS_FILTERS)[number];
export const INVITATION_PAGE_SIZE = 20;

export const invitationsSearchParams = {
  status: parseAsStringLiteral(INVITATION_STATUS_FILTERS).withDefault("all"),
  q: parseAsString.withDefault(""),
  page: parseAsInteger.withDefault(1),
};

export const loadInvitationsSearchParams = createLoader(invitationsSearchParams);

export type InvitationsView = { status: InvitationStatusFilter; q: string; page: number };

export function normalizeInvitationsView(raw: InvitationsView): InvitationsView {
  return {
    status: raw.status,
    q: raw.q.trim().slice(0, 200),
    page: Number.isSafeInteger(raw.page) && raw.page >= 1 ? raw.page : 1,
  };
}

export function invitationsViewToListParams(view: InvitationsView, size = INVITATION_PAGE_SIZE) {
  return {
    ...(view.status !== "all" ? { status: view.status } : {}),
    ...(view.q ? { query: view.q } : {}),
    limit: size,
    offset: (view.page - 1) * size,
  };
}
