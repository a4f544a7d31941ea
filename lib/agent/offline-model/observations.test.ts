import { describe, expect, it } from "vitest";
import { ok } from "@/test/support/agent/prompt-builders";
import { asUserList, toOutcome } from "./observations";

const users = [
  {
    id: "user_1",
    primary_email: "a@x.com",
    email_addresses: ["a@x.com", "a2@x.com"],
    public_metadata: { plan: "pro", address: { city: "Oslo" } },
  },
  { id: "user_2", primary_email: "b@x.com", public_metadata: { plan: "free" } },
  { id: "user_3", primary_email: "c@x.com", public_metadata: { "dotted.key": 1, tags: ["a", "b"] } },
];

const read = (list: unknown[]) => {
  const outcome = toOutcome(ok({ users: list, total_count: 40 }));
  return outcome.status === "ok" ? asUserList(outcome.value) : undefined;
};

describe("reading the TOON tool results back", () => {
  it("restores dotted cells to the nested records and lists they came from", () => {
    expect(read(users.slice(0, 2))).toEqual({
      users: [
        {
          id: "user_1",
          email: "a@x.com",
          emails: ["a@x.com", "a2@x.com"],
          publicMetadata: { plan: "pro", address: { city: "Oslo" } },
        },
        { id: "user_2", email: "b@x.com", publicMetadata: { plan: "free" } },
      ],
      total: 40,
    });
  });

  it("keeps a key with a dot verbatim (that list is not flattened)", () => {
    expect(read(users)?.users[2]).toEqual({
      id: "user_3",
      email: "c@x.com",
      publicMetadata: { "dotted.key": 1, tags: ["a", "b"] },
    });
  });
});
