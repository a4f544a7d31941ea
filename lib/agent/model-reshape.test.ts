import { describe, expect, it } from "vitest";
import { impliedIdentifierType, impliedSlug, shortVersion } from "./model-reshape";
import { basicTime, decodeModelText, modelText } from "./model-text";
import { modelView } from "./redact";

const session = {
  id: "sess_2abcdefghijklmnop",
  status: "active",
  latest_activity: {
    browser_name: "Chrome",
    device_type: "iPhone",
    is_mobile: true,
    city: "Paris",
    country: "FR",
    ip_address: "192.0.2.14",
  },
};

describe("a session's latest activity", () => {
  it("is read as the session's own browser, device and place, without is_mobile beside a device", () => {
    expect(modelView(session)).toEqual({
      id: session.id,
      status: "active",
      browser: "Chrome",
      device: "iPhone",
      city: "Paris",
      country: "FR",
      ip: "192.0.2.14",
    });
    const text = modelText({ sessions: [session, { ...session, id: "sess_2zzzzzzzzzzzzzzzz" }] });
    expect(text).toContain("sessions[2]{id,status,browser,device,city,country,ip}:");
  });

  it("keeps is_mobile when no device is named, and a member the session has itself", () => {
    const bare = { id: "sess_1", status: "x", latest_activity: { is_mobile: true, status: "y" } };
    expect(modelView(bare)).toEqual({ id: "sess_1", status: "x", is_mobile: true });
  });
});

describe("a browser version", () => {
  it.each([
    ["Chrome 128.0.0.0", "Chrome 128"],
    ["Edge 128.0.0.0", "Edge 128"],
    ["Firefox 128.0", "Firefox 128.0"],
    ["Safari 17.0", "Safari 17.0"],
    ["Chrome 10.0", "Chrome 10.0"],
    ["Edge 128.0.10.0", "Edge 128.0.10.0"],
    ["Chrome 1.2.0.0.0", "Chrome 1.2.0.0.0"],
    ["Safari 17.6", "Safari 17.6"],
    ["Chrome 100", "Chrome 100"],
    ["Chrome 1.0.0.10", "Chrome 1.0.0.10"],
    ["Chrome", "Chrome"],
  ])("%s reads as %s", (browser, short) => {
    expect(shortVersion(browser)).toBe(short);
  });

  it("is shortened in a sign-in's browser", () => {
    const signIn = { session_id: "sess_1", status: "ended", browser: "Chrome 128.0.0.0" };
    expect(modelView(signIn)).toEqual({ ...signIn, browser: "Chrome 128" });
  });
});

describe("an allow/block-list identifier", () => {
  it.each([
    ["+14155551000", "phone_number"],
    ["0xabc", "web3_wallet"],
    ["a@b.com", "email_address"],
    ["*@b.com", "email_address"],
    ["b.com", "email_address"],
  ])("%s is a %s", (identifier, type) => {
    expect(impliedIdentifierType(identifier)).toBe(type);
  });

  it("states its type only when its shape does not", () => {
    expect(modelView({ id: "alid_1", identifier: "+14155551000", identifier_type: "phone_number" })).toEqual({
      id: "alid_1",
      identifier: "+14155551000",
    });
    const odd = { id: "alid_2", identifier: "+14155551000", identifier_type: "email_address" };
    expect(modelView(odd)).toEqual(odd);
  });
});

describe("an organization", () => {
  it("leaves out a slug that is its plain name in kebab case, keeps any other", () => {
    expect(impliedSlug("Iron Crest Group")).toBe("iron-crest-group");
    expect(modelView({ id: "org_1", name: "Iron Crest Group", slug: "iron-crest-group" })).toEqual({
      id: "org_1",
      name: "Iron Crest Group",
    });
    for (const [name, slug] of [
      ["Iron Crest Group", "iron-crest"],
      ["Acme, Inc.", "acme-inc"],
      ["Tomás  Co", "tomas-co"],
    ])
      expect(modelView({ id: "org_1", name, slug })).toHaveProperty("slug", slug);
  });

  it("leaves out a membership cap of 0 (no limit), keeps a real one", () => {
    expect(modelView({ id: "org_1", max_allowed_memberships: 0 })).toEqual({ id: "org_1" });
    expect(modelView({ id: "org_1", max_allowed_memberships: 5 })).toEqual({
      id: "org_1",
      max_allowed_memberships: 5,
    });
  });
});

describe("a `when` instant", () => {
  it("is ISO 8601 basic in the model's text, fractions kept; other strings and metadata stay", () => {
    expect(basicTime("2026-12-06T09:41:07Z")).toBe("20261206T094107Z");
    expect(basicTime("2026-12-06T09:41:07.250Z")).toBe("20261206T094107.250Z");
    expect(basicTime("2026-12-06")).toBe("2026-12-06");
    const entry = {
      when: "2026-12-06T09:41:07Z",
      note: "2026-12-06T09:41:07Z",
      public_metadata: { when: "2026-12-06T09:41:07Z" },
    };
    expect(decodeModelText(modelText(entry))).toEqual({
      untrusted_data: { ...entry, when: "20261206T094107Z" },
    });
  });
});

const day = (d: number) => Date.UTC(2026, 11, d, 12);

describe("a session's times", () => {
  const timed = (status: string) => ({
    id: "sess_2abcdefghijklmnop",
    status,
    last_active_at: day(3),
    expire_at: day(10),
    abandon_at: day(30),
    created_at: day(1),
  });

  it("keeps expiry and lifetime while they can still end it, or when they did", () => {
    expect(modelView(timed("active"))).toMatchObject({ expire: 20261210, abandon: 20261230 });
    expect(modelView(timed("expired"))).toHaveProperty("expire");
    expect(modelView(timed("expired"))).not.toHaveProperty("abandon");
    expect(modelView(timed("abandoned"))).toHaveProperty("abandon");
    const ended = modelView(timed("ended"));
    expect(ended).not.toHaveProperty("expire");
    expect(ended).not.toHaveProperty("abandon");
  });

  it("drops a last activity on the day the session was created", () => {
    expect(modelView({ ...timed("ended"), last_active_at: day(1) + 3_600_000 })).toEqual({
      id: "sess_2abcdefghijklmnop",
      status: "ended",
      created: 20261201,
    });
    expect(modelView(timed("ended"))).toHaveProperty("last_active", 20261203);
  });
});

describe("a date column a fixed number of days after another", () => {
  const invitation = (n: number, created: number, expires = created + 30) => ({
    id: `inv_${n}`,
    email_address: `a${n}@b.com`,
    created_at: day(created),
    expires_at: day(expires),
  });

  it("is stated once, from 3 rows on", () => {
    const view = modelView([invitation(1, 1), invitation(2, 2), invitation(3, 5)]) as {
      same: Record<string, unknown>;
      rows: Record<string, unknown>[];
    };
    expect(view.same).toEqual({ expires: "30 days after created" });
    expect(view.rows[0]).toEqual({ id: "inv_1", email: "a1@b.com", created: 20261201 });
    expect(modelView([invitation(1, 1), invitation(2, 2)])).toHaveLength(2);
  });

  it("leaves metadata that looks like days as written", () => {
    const rows = [1, 2, 3].map((n) => ({
      id: `inv_${n}`,
      created_at: day(n),
      public_metadata: { trial_ends: `202612${String(n + 10)}` },
    }));
    const view = modelView(rows) as { same?: unknown; rows?: unknown };
    expect(view.same).toBeUndefined();
    expect(view).toEqual([
      { id: "inv_1", created: 20261201, "public_metadata.trial_ends": "20261211" },
      { id: "inv_2", created: 20261202, "public_metadata.trial_ends": "20261212" },
      { id: "inv_3", created: 20261203, "public_metadata.trial_ends": "20261213" },
    ]);
    // A day of the view is bare (3 tokens); the metadata string stays quoted, a string as written.
    expect(modelText(rows)).toContain('inv_1,20261201,"20261211"');
  });

  it("leaves numeric metadata that reads like days in the rows", () => {
    const rows = [1, 2, 3].map((n) => ({
      id: `inv_${n}`,
      created_at: day(n),
      public_metadata: { trial_ends: 20261210 + n },
    }));
    expect(modelView(rows)).toEqual([
      { id: "inv_1", created: 20261201, "public_metadata.trial_ends": 20261211 },
      { id: "inv_2", created: 20261202, "public_metadata.trial_ends": 20261212 },
      { id: "inv_3", created: 20261203, "public_metadata.trial_ends": 20261213 },
    ]);
  });

  it("stays in the rows when one row differs", () => {
    const rows = modelView([invitation(1, 1), invitation(2, 2), invitation(3, 5, 6)]);
    expect(rows).toEqual([
      expect.objectContaining({ expires: 20261231 }),
      expect.objectContaining({ expires: 20270101 }),
      expect.objectContaining({ expires: 20261206 }),
    ]);
  });
});

describe("an invitation's email_address", () => {
  it("reads as email, like a user's primary email, unless the record has one", () => {
    expect(modelView({ id: "inv_1", email_address: "a@b.com" })).toEqual({ id: "inv_1", email: "a@b.com" });
    expect(modelView({ primary_email: "a@b.com", email_address: "c@d.com" })).toEqual({
      email: "a@b.com",
      email_address: "c@d.com",
    });
  });
});
