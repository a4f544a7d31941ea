// Record rules for the model's view (lib/agent/redact.ts `modelView`) that depend on what a record
// is: each moves or drops a member the record already states another way, so no answer changes.

/** The kind Clerk gives an allow/block-list identifier: `+` phones, `0x` wallets, else email (or domain). */
export function impliedIdentifierType(identifier: unknown): string | undefined {
  if (typeof identifier !== "string") return undefined;
  if (identifier.startsWith("+")) return "phone_number";
  if (identifier.startsWith("0x")) return "web3_wallet";
  return "email_address";
}

/**
 * A session's latest activity (browser, device, place, IP) becomes members of the session, so a list
 * of sessions has one flat header; `is_mobile` goes where a device is named (iPhone, Android, …);
 * an identifier's type goes when its shape says it; an organization's membership cap goes when it
 * is 0, Clerk's "no limit".
 */
export function reshapeForModel(record: Record<string, unknown>): Record<string, unknown> {
  const activity = record.latest_activity;
  const out: Record<string, unknown> = isRecord(activity) ? hoisted(record, activity) : { ...record };
  if (out.device_type !== undefined && out.device_type !== null) delete out.is_mobile;
  if (out.identifier_type !== undefined && out.identifier_type === impliedIdentifierType(out.identifier))
    delete out.identifier_type;
  if (out.max_allowed_memberships === 0) delete out.max_allowed_memberships;
  return out;
}

function hoisted(
  record: Record<string, unknown>,
  activity: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(record)) {
    if (key !== "latest_activity") out[key] = member;
    else for (const [k, v] of Object.entries(activity)) if (!Object.hasOwn(record, k)) out[k] = v;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}
