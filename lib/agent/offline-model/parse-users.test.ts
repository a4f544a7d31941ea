import { describe, expect, it } from "vitest";
import { parseRequest } from "./parse-request";

describe("a company where a domain would be", () => {
  it.each([
    ["who are the owners at Initech?", { role: "owner", company: "Initech" }],
    [
      'how many users from "Stark Industries" are on the pro plan?',
      { plan: "pro", company: "Stark Industries" },
    ],
    [
      "developers at Wayne Enterprises who signed up this month",
      { role: "developer", company: "Wayne Enterprises" },
    ],
  ])("%s", (text, metadata) => {
    expect(parseRequest(text)).toMatchObject({ filter: { metadata } });
  });

  it("a domain stays a domain, a lower-case or other word is no company, and a typed company=… wins", () => {
    expect(parseRequest("find users at acme.com")).toEqual({
      kind: "listUsers",
      filter: { domain: "acme.com" },
    });
    expect(parseRequest("who signed in at least once")).not.toMatchObject({ filter: { metadata: {} } });
    expect(parseRequest("owners at Monday")).not.toMatchObject({
      filter: { metadata: { company: "Monday" } },
    });
    expect(parseRequest("users with company=Globex at Hooli")).toMatchObject({
      filter: { metadata: { company: "Globex" } },
    });
  });

  it("a bulk change at a company is one condition on the company", () => {
    expect(parseRequest("set tier=gold for everyone at Initech")).toMatchObject({
      kind: "bulkUpdateMetadata",
      filter: { metadata: { company: "Initech" } },
      changes: { tier: "gold" },
    });
  });
});
