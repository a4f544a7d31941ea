import { z } from "zod";

export const BULK_INVITE_MAX = 100;

export type BulkRow = { row: number; email: string; error: string | null };

const emailSchema = z.email();

/** Splits one CSV line, honouring double quotes ("a,b" stays one field, "" is a quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/**
 * Extracts candidate emails from pasted text or a CSV file. A CSV with a header naming an
 * `email`/`email_address` column uses that column; otherwise every separated token is a candidate.
 */
export function extractEmails(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== "");
  if (first?.includes(",")) {
    const header = splitCsvLine(first).map((h) => h.toLowerCase());
    const col = header.findIndex((h) => h === "email" || h === "email_address" || h === "email address");
    if (col >= 0) {
      return lines
        .slice(lines.indexOf(first) + 1)
        .filter((l) => l.trim() !== "")
        .map((l) => splitCsvLine(l)[col] ?? "");
    }
  }
  return text
    .replace(/^\uFEFF/, "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One row per candidate, numbered from 1, with a per-row validation error (bad format, duplicate). */
export function parseBulkEmails(text: string): BulkRow[] {
  const seen = new Set<string>();
  return extractEmails(text).map((raw, i) => {
    const email = raw.toLowerCase();
    let error: string | null = null;
    if (!email) error = "Empty email";
    else if (!emailSchema.safeParse(email).success) error = "Not a valid email address";
    else if (seen.has(email)) error = "Duplicate in this list";
    seen.add(email);
    return { row: i + 1, email: raw, error };
  });
}
