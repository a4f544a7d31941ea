import { describe, expect, it } from "vitest";
import { USER_ORDER_BY } from "@/lib/clerk/user-order";
import {
  loadUsersSearchParams,
  nextSort,
  normalizeUsersView,
  pageCount,
  parseMetadataColumns,
  serializeUsersView,
  USER_SORTS,
  usersViewToListParams,
} from "./users-view";

const view = (qs: string) => normalizeUsersView(loadUsersSearchParams(new URLSearchParams(qs)));

describe("users view <-> URL", () => {
  it("defaults to newest first, 20 per page, page 1", () => {
    expect(view("")).toEqual({
      q: "",
      email: "",
      sort: "-created_at",
      page: 1,
      size: 20,
      cols: ["plan", "role", "company"],
      filters: { ranges: {} },
    });
  });

  it("maps search, email filter, sort and paging to BAPI list params", () => {
    expect(usersViewToListParams(view("q=ann&email=a%40b.co&sort=%2Blast_name&page=3&size=50"))).toEqual({
      query: "ann",
      email_address: "a@b.co",
      order_by: "+last_name",
      limit: 50,
      offset: 100,
    });
  });

  it.each([
    ["size=7", { size: 20 }],
    ["size=100", { size: 100 }],
    ["page=0", { page: 1 }],
    ["page=-4", { page: 1 }],
    ["page=abc", { page: 1 }],
    ["sort=password", { sort: "-created_at" }],
    ["sort=-last_sign_in_at", { sort: "-last_sign_in_at" }],
  ])("clamps %s", (qs, expected) => {
    expect(view(qs)).toMatchObject(expected);
  });

  it("omits filters that are empty so the BAPI sees no query", () => {
    const params = usersViewToListParams(view("q=%20%20"));
    expect(params).not.toHaveProperty("query");
    expect(params).not.toHaveProperty("email_address");
  });

  it("offers exactly the sorts lib/clerk's listUsers accepts", () => {
    expect([...USER_SORTS].sort()).toEqual([...USER_ORDER_BY].sort());
  });

  it("round-trips through the serializer", () => {
    const url = serializeUsersView("/users", {
      q: "x y",
      page: 2,
      size: 50,
      sort: "+email_address",
      cols: "plan",
    });
    expect(view(url.split("?")[1] ?? "")).toEqual({
      q: "x y",
      email: "",
      sort: "+email_address",
      page: 2,
      size: 50,
      cols: ["plan"],
      filters: { ranges: {} },
    });
  });

  it("keeps safe, unique metadata column names and drops the rest", () => {
    expect(view("cols=plan,%20tier,plan,bad%20key,%3Dx,").cols).toEqual(["plan", "tier"]);
    expect(view("cols=").cols).toEqual([]);
    expect(parseMetadataColumns(null)).toEqual(["plan", "role", "company"]);
  });

  it("toggles sort direction on the same column and starts descending on a new one", () => {
    expect(nextSort("-created_at", "created_at")).toBe("+created_at");
    expect(nextSort("+created_at", "created_at")).toBe("-created_at");
    expect(nextSort("+created_at", "last_name")).toBe("-last_name");
  });

  it.each([
    [0, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [500, 100, 5],
  ])("pageCount(%i, %i) = %i", (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
});
