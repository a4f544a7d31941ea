import { describe, expect, it } from "vitest";
import { lookupPath, parsePath, renderTemplate, templatePaths } from "./template";

const scope = {
  user: { id: "user_1", first_name: "Jane" },
  event: { data: { email_addresses: [{ email_address: "jane@acme.com" }], n: 3 } },
};

describe("template paths", () => {
  it("parses names and indexes", () => {
    expect(parsePath("event.data.email_addresses[0].email_address")).toEqual([
      "event",
      "data",
      "email_addresses",
      0,
      "email_address",
    ]);
  });

  it.each([
    "user.id()",
    "user['id']",
    "constructor.name",
    "user.__proto__",
    "a[-1]",
    "a + b",
    "process.env",
    "",
    ".user",
  ])("refuses %j unless it is a plain path", (path) => {
    if (path === "process.env") {
      // A plain path, so it parses; it only ever reads the event scope, where there is no `process`.
      expect(lookupPath(scope, path)).toBeUndefined();
      return;
    }
    expect(() => parsePath(path)).toThrow(/path/);
  });

  it("reads own properties only", () => {
    expect(lookupPath(scope, "user.toString")).toBeUndefined();
    expect(lookupPath(scope, "event.data.email_addresses.length")).toBeUndefined();
  });
});

describe("renderTemplate", () => {
  it("keeps the type of a whole placeholder and interpolates inside text", () => {
    expect(
      renderTemplate(
        {
          user_id: "{{user.id}}",
          public_metadata: {
            note: "Hi {{ user.first_name }} <{{event.data.email_addresses[0].email_address}}>",
            n: "{{event.data.n}}",
          },
        },
        scope,
      ),
    ).toEqual({ user_id: "user_1", public_metadata: { note: "Hi Jane <jane@acme.com>", n: 3 } });
  });

  it("refuses a missing value instead of writing an empty one", () => {
    expect(() => renderTemplate({ user_id: "{{user.missing}}" }, scope)).toThrow(
      /no value at \{\{user.missing\}\}/,
    );
  });

  it("lists the paths a value uses", () => {
    expect(templatePaths({ a: ["{{x.y}}", "k {{z[1]}}"] })).toEqual(["x.y", "z[1]"]);
  });
});
