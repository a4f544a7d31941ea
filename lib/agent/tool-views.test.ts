import { describe, expect, it } from "vitest";
import { decodeModelText, modelText } from "./model-text";
import { modelView } from "./redact";
import { identifiersByDay, invitationsWithoutIds, signInWindowInstants } from "./tool-views";

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
const entry = (id: string, identifier: string, identifier_type: string, day: string) => ({
  id,
  identifier,
  identifier_type,
  created_at: at(day),
});

describe("identifiersByDay (listAllowlistIdentifiers / listBlocklistIdentifiers for the model)", () => {
  const output = {
    identifiers: [
      entry("alid_1", "old.example", "email_address", "2026-11-06"),
      entry("alid_2", "+15555550100", "phone_number", "2026-12-06"),
      entry("alid_3", "*@acme.example", "email_address", "2026-12-01"),
      entry("alid_4", "jane@acme.example", "email_address", "2026-12-06"),
    ],
    total_count: 4,
  };

  it("states each day once, newest first, with its identifiers and no ids or count", () => {
    expect(identifiersByDay(output)).toEqual({
      identifiers: {
        added_20261206: ["+15555550100", "jane@acme.example"],
        added_20261201: ["*@acme.example"],
        added_20261106: ["old.example"],
      },
    });
    const text = modelText(identifiersByDay(output));
    expect(text).toBe(
      [
        "untrusted_data:",
        " identifiers:",
        '  added_20261206[2]: "+15555550100",jane@acme.example',
        "  added_20261201[1]: *@acme.example",
        "  added_20261106[1]: old.example",
      ].join("\n"),
    );
    expect(decodeModelText(text)).toEqual({ untrusted_data: identifiersByDay(output) });
  });

  it("keeps the plain view when an entry's type is not the one its shape implies, and leaves other results alone", () => {
    const odd = {
      identifiers: [entry("blid_1", "odd.example", "phone_number", "2026-12-06")],
      total_count: 1,
    };
    expect(identifiersByDay(odd)).toBe(odd);
    expect(identifiersByDay({ total_count: 0 })).toEqual({ total_count: 0 });
    const error = { error: { code: "not_found", message: "gone" } };
    expect(identifiersByDay(error)).toBe(error);
  });

  it("leaves an empty list (none listed, or none matching the query) as it is, so the model reads it", () => {
    const empty = { identifiers: [], total_count: 0 };
    expect(identifiersByDay(empty)).toBe(empty);
    expect(modelText(modelView(identifiersByDay(empty)))).toBe("untrusted_data:\n identifiers: []");
  });
});

describe("invitationsWithoutIds (listInvitations for the model)", () => {
  const invitation = (id: string, email_address: string, status: string) => ({
    id,
    email_address,
    status,
    public_metadata: { plan: "pro" },
    expires_at: at("2027-01-05"),
    created_at: at("2026-12-06"),
    updated_at: at("2026-12-06"),
  });

  it("drops each invitation's id and keeps everything else", () => {
    const output = {
      invitations: [
        invitation("inv_1", "a@acme.example", "pending"),
        invitation("inv_2", "b@acme.example", "revoked"),
        invitation("inv_3", "B@acme.example", "pending"),
      ],
      total_count: 40,
    };
    const view = invitationsWithoutIds(output) as {
      invitations: Record<string, unknown>[];
      total_count: number;
    };
    expect(view.total_count).toBe(40);
    expect(view.invitations).toEqual(output.invitations.map(({ id: _id, ...rest }) => rest));
    const text = modelText(view);
    expect(text).not.toMatch(/inv_/);
    expect(text).toContain("a@acme.example");
  });

  it("keeps the ids when two pending invitations share an email (any case), and leaves other results alone", () => {
    const twice = {
      invitations: [
        invitation("inv_1", "a@acme.example", "pending"),
        invitation("inv_2", "A@acme.example", "pending"),
      ],
    };
    expect(invitationsWithoutIds(twice)).toBe(twice);
    const error = { error: { code: "not_found", message: "gone" } };
    expect(invitationsWithoutIds(error)).toBe(error);
  });
});

describe("signInWindowInstants (listSuspiciousSignIns for the model)", () => {
  it("states the window's from and to as UTC instants like a `when`, to the second", () => {
    const output = {
      more_than: 2,
      from: Date.parse("2026-11-29T20:25:07.123Z"),
      to: Date.parse("2026-12-06T20:25:07.123Z"),
      users: [],
    };
    expect(signInWindowInstants(output)).toEqual({
      more_than: 2,
      from: "20261129T202507Z",
      to: "20261206T202507Z",
      users: [],
    });
    expect(modelText(signInWindowInstants(output))).toContain(
      ["untrusted_data:", " more_than: 2", " from: 20261129T202507Z", " to: 20261206T202507Z"].join("\n"),
    );
    const error = { error: { code: "bad_request", message: "no" } };
    expect(signInWindowInstants(error)).toEqual(error);
  });
});
