import { describe, expect, it } from "vitest";
import {
  nextOrganizationSort,
  normalizeOrganizationsView,
  organizationsExportHref,
  organizationsViewToListParams,
} from "./organizations-view";

describe("organizations view", () => {
  it("normalizes the URL state and maps it to listOrganizations params", () => {
    const view = normalizeOrganizationsView({ q: "  acme ", sort: "-members_count", page: 3 });
    expect(view).toEqual({ q: "acme", sort: "-members_count", page: 3 });
    expect(organizationsViewToListParams(view)).toEqual({
      query: "acme",
      order_by: "-members_count",
      limit: 20,
      offset: 40,
    });
    expect(normalizeOrganizationsView({ q: "", sort: "+name", page: -2 }).page).toBe(1);
    expect(normalizeOrganizationsView({ q: "x".repeat(500), sort: "+name", page: 1 }).q).toHaveLength(200);
  });

  it("flips the active column and starts new ones in their natural direction", () => {
    expect(nextOrganizationSort("+name", "name")).toBe("-name");
    expect(nextOrganizationSort("-name", "name")).toBe("+name");
    expect(nextOrganizationSort("+name", "members_count")).toBe("-members_count");
    expect(nextOrganizationSort("-members_count", "created_at")).toBe("-created_at");
    expect(nextOrganizationSort("-created_at", "name")).toBe("+name");
  });

  it("exports the same search and sort", () => {
    expect(organizationsExportHref({ q: "a&b", sort: "-created_at" })).toBe(
      "/api/export/organizations?q=a%26b&sort=-created_at",
    );
  });
});
