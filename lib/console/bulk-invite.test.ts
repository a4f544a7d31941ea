import { describe, expect, it } from "vitest";
import { extractEmails, parseBulkEmails, splitCsvLine } from "./bulk-invite";

describe("bulk invite parsing", () => {
  it("splits pasted emails on newlines, commas, semicolons and spaces", () => {
    expect(extractEmails("a@x.io, b@x.io\nc@x.io;d@x.io  e@x.io\n\n")).toEqual([
      "a@x.io",
      "b@x.io",
      "c@x.io",
      "d@x.io",
      "e@x.io",
    ]);
  });

  it("uses the email column of a CSV with a header", () => {
    const csv = '\uFEFFname,Email,plan\r\n"Doe, Jane",jane@x.io,pro\r\nBob,bob@x.io,free\r\n';
    expect(extractEmails(csv)).toEqual(["jane@x.io", "bob@x.io"]);
  });

  it("splits quoted CSV fields", () => {
    expect(splitCsvLine('"a ""b""",c, d ')).toEqual(['a "b"', "c", "d"]);
  });

  it("reports bad and duplicate rows with their row number and keeps the good ones", () => {
    expect(parseBulkEmails("ok@x.io\nnot-an-email\nOK@x.io\nsecond@x.io")).toEqual([
      { row: 1, email: "ok@x.io", error: null },
      { row: 2, email: "not-an-email", error: "Not a valid email address" },
      { row: 3, email: "OK@x.io", error: "Duplicate in this list" },
      { row: 4, email: "second@x.io", error: null },
    ]);
  });
});
