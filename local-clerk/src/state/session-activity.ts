import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { SessionActivityRecord } from "./types";

/**
 * Where sign-ins "come from" offline. Clerk geolocates the client's IP; every browser here is on
 * loopback, so a client is placed at one of these (documentation-range addresses, RFC 5737) by its id:
 * two browsers of one user look like two places, and the same browser stays in one.
 */
export const ACTIVITY_LOCATIONS: readonly { ip: string; city: string; country: string }[] = [
  { ip: "198.51.100.23", city: "San Francisco", country: "US" },
  { ip: "203.0.113.45", city: "London", country: "GB" },
  { ip: "192.0.2.14", city: "Paris", country: "FR" },
  { ip: "203.0.113.112", city: "Berlin", country: "DE" },
  { ip: "198.51.100.87", city: "New York", country: "US" },
  { ip: "192.0.2.201", city: "Tokyo", country: "JP" },
  { ip: "198.51.100.150", city: "São Paulo", country: "BR" },
  { ip: "203.0.113.199", city: "Sydney", country: "AU" },
];

function isLocalAddress(ip: string): boolean {
  return (
    ip === "" ||
    ip === "::1" ||
    ip.startsWith("127.") ||
    ip.startsWith("::ffff:127.") ||
    ip.startsWith("10.") ||
    ip.startsWith("192.168.") ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(ip)
  );
}

export function locationFor(key: string): (typeof ACTIVITY_LOCATIONS)[number] {
  const n = createHash("sha256").update(key).digest().readUInt32BE(0);
  return ACTIVITY_LOCATIONS[n % ACTIVITY_LOCATIONS.length] as (typeof ACTIVITY_LOCATIONS)[number];
}

function firstHeader(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** Browser name and version the way Clerk reports them ("Chrome", "128.0.0.0"). */
function browserOf(ua: string): { name: string; version: string } {
  const rules: [string, RegExp][] = [
    ["Firefox", /Firefox\/([\d.]+)/],
    ["Edge", /Edg\/([\d.]+)/],
    ["Chrome", /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/],
    ["Safari", /Version\/([\d.]+).*Safari\//],
  ];
  for (const [name, re] of rules) {
    const m = re.exec(ua);
    if (m) return { name, version: m[1] ?? "" };
  }
  return { name: "Unknown", version: "" };
}

function deviceOf(ua: string): { type: string; mobile: boolean } {
  if (/iPhone/.test(ua)) return { type: "iPhone", mobile: true };
  if (/iPad/.test(ua)) return { type: "iPad", mobile: true };
  if (/Android/.test(ua)) return { type: "Android", mobile: /Mobile/.test(ua) };
  if (/Macintosh/.test(ua)) return { type: "Macintosh", mobile: false };
  if (/Windows/.test(ua)) return { type: "Windows", mobile: false };
  if (/Linux|X11/.test(ua)) return { type: "Linux", mobile: false };
  return { type: "Unknown", mobile: false };
}

/**
 * The session's latest_activity as Clerk reports it: device and browser from the User-Agent, the
 * client's IP (the first X-Forwarded-For hop when the request came through a proxy) and its place.
 */
export function activityFromRequest(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
  clientId: string,
): SessionActivityRecord {
  const ua = firstHeader(headers["user-agent"]);
  const forwarded = firstHeader(headers["x-forwarded-for"]).split(",")[0]?.trim() ?? "";
  const ip = forwarded || remoteAddress || "";
  const known = ACTIVITY_LOCATIONS.find((l) => l.ip === ip);
  const place = known ?? (isLocalAddress(ip) ? locationFor(clientId) : null);
  const browser = browserOf(ua);
  const device = deviceOf(ua);
  return {
    device_type: device.type,
    is_mobile: device.mobile,
    browser_name: browser.name,
    browser_version: browser.version,
    ip_address: place?.ip ?? ip,
    ...(place ? { city: place.city, country: place.country } : {}),
  };
}

/** The activity of a sign-in made by this request (FAPI). */
export function requestActivity(rc: { req: IncomingMessage }, clientId: string): SessionActivityRecord {
  return activityFromRequest(rc.req.headers, rc.req.socket.remoteAddress, clientId);
}

const SEED_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36",
];

/** A plausible activity for a session made without a browser (BAPI's testing endpoint, the seed). */
export function syntheticActivity(clientId: string, agentIndex?: number): SessionActivityRecord {
  const place = locationFor(clientId);
  const i = agentIndex ?? createHash("sha256").update(`ua:${clientId}`).digest().readUInt8(0);
  const ua = SEED_AGENTS[i % SEED_AGENTS.length] as string;
  return activityFromRequest({ "user-agent": ua, "x-forwarded-for": place.ip }, undefined, clientId);
}
