import type { OrganizationRecord } from "./organization-types";
import type { SessionRecord, UserRecord } from "./types";

export interface ClaimSources {
  user: UserRecord;
  session: SessionRecord;
  /** The session's active organization and the user's role in it. */
  org?: { record: OrganizationRecord; role: string };
}

const SHORTCODE = /\{\{\s*([^}]+?)\s*\}\}/g;
const EXACT = /^\{\{\s*([^}]+?)\s*\}\}$/;

function dig(value: unknown, path: string[]): unknown {
  let out = value;
  for (const key of path) {
    if (typeof out !== "object" || out === null) return null;
    out = (out as Record<string, unknown>)[key];
  }
  return out ?? null;
}

function userValues(u: UserRecord): Record<string, unknown> {
  const email = u.emails.find((e) => e.id === u.primary_email_address_id);
  const phone = u.phones?.find((p) => p.id === u.primary_phone_number_id);
  const full = [u.first_name, u.last_name].filter(Boolean).join(" ");
  return {
    id: u.id,
    external_id: u.external_id,
    first_name: u.first_name,
    last_name: u.last_name,
    full_name: full || null,
    username: u.username,
    primary_email_address: email?.email_address ?? null,
    email_verified: email?.verified ?? false,
    primary_phone_number: phone?.phone_number ?? null,
    phone_number_verified: phone?.verified ?? false,
    primary_web3_wallet: u.web3_wallets?.[0]?.web3_wallet ?? null,
    image_url: u.image?.url ?? "",
    has_image: !!u.image,
    two_factor_enabled: !!u.totp_enabled || !!u.phones?.some((p) => p.reserved_for_second_factor),
    public_metadata: u.public_metadata,
    unsafe_metadata: u.unsafe_metadata,
    created_at: Math.floor(u.created_at / 1000),
    updated_at: Math.floor(u.updated_at / 1000),
    last_sign_in_at: u.last_sign_in_at === null ? null : Math.floor(u.last_sign_in_at / 1000),
  };
}

function resolve(expr: string, src: ClaimSources): unknown {
  // Clerk's fallback syntax: {{user.public_metadata.plan || 'free'}}
  for (const alt of expr.split("||").map((s) => s.trim())) {
    const literal = /^(['"])(.*)\1$/.exec(alt);
    if (literal) return literal[2];
    const [root, ...path] = alt.split(".");
    let value: unknown = null;
    if (root === "user") value = dig(userValues(src.user), path);
    else if (root === "session") value = path[0] === "actor" ? (src.session.actor ?? null) : null;
    else if (root === "org" && src.org) {
      const o = src.org.record;
      const org = {
        id: o.id,
        name: o.name,
        slug: o.slug,
        role: src.org.role,
        public_metadata: o.public_metadata,
      };
      value = dig(org, path);
    }
    if (value !== null && value !== undefined && value !== "") return value;
  }
  return null;
}

/**
 * A JWT template's claims with Clerk's shortcodes filled in: a string that is one shortcode takes
 * the value's own type (objects, booleans, numbers); shortcodes inside text are interpolated.
 */
export function renderClaims(claims: unknown, src: ClaimSources): unknown {
  if (Array.isArray(claims)) return claims.map((c) => renderClaims(c, src));
  if (typeof claims === "object" && claims !== null) {
    return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, renderClaims(v, src)]));
  }
  if (typeof claims !== "string") return claims;
  const exact = EXACT.exec(claims);
  if (exact) return resolve(exact[1] as string, src);
  return claims.replace(SHORTCODE, (_, expr: string) => {
    const v = resolve(expr, src);
    return v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}
