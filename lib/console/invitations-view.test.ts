import { describe, expect, it } from "vitest";
import { listInvitationsInput } from "@/lib/clerk/actions/list-invitations";
import {
  invitationsViewToListParams,
  loadInvitationsSearchParams,
  normalizeInvitationsView,
} from "./invitations-view";

const view = (qs: string) => normalizeInvitationsView(loadInvitationsSearchParams(new URLSearchParams(qs)));

describe("invitations view", () => {
  it("defaults to all statuses, page 1", () => {
    expect(invitationsViewToListParams(view(""))).toEqual({ limit: 20, offset: 0 });
  });

  it("maps status, search and page, and the result passes listInvitations' schema", () => {
    const params = invitationsViewToListParams(view("status=pending&q=acme&page=3"));
    expect(params).toEqual({ status: "pending", query: "acme", limit: 20, offset: 40 });
    expect(listInvitationsInput.safeParse(params).success).toBe(true);
  });

  it.each(["status=bogus", "page=-1", "page=x"])("falls back on %s", (qs) => {
    expect(invitationsViewToListParams(view(qs))).toEqual({ limit: 20, offset: 0 });
  });
});
