import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SECRET_KEY, SEEDED_ACCOUNTS } from "../app-env";
import { FapiTestClient } from "../fapi/test-client";
import { type LocalClerkHandle, startLocalClerk } from "../index";
import { ACTIVITY_LOCATIONS, activityFromRequest, locationFor } from "./session-activity";

const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";
const MAC_CHROME =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";

describe("session activity from a request", () => {
  it("reads device and browser from the User-Agent and the place from a known forwarded IP", () => {
    const a = activityFromRequest(
      { "user-agent": MAC_CHROME, "x-forwarded-for": "203.0.113.45, 10.0.0.1" },
      "127.0.0.1",
      "client_x",
    );
    expect(a).toEqual({
      device_type: "Macintosh",
      is_mobile: false,
      browser_name: "Chrome",
      browser_version: "128.0.0.0",
      ip_address: "203.0.113.45",
      city: "London",
      country: "GB",
    });
    const phone = activityFromRequest({ "user-agent": IPHONE }, "::1", "client_y");
    expect(phone).toMatchObject({ device_type: "iPhone", is_mobile: true, browser_name: "Safari" });
  });

  it("places a loopback client by its id (stable per client), and an unknown public IP nowhere", () => {
    const one = activityFromRequest({}, "127.0.0.1", "client_a");
    expect(one).toMatchObject({ ip_address: locationFor("client_a").ip, city: locationFor("client_a").city });
    expect(activityFromRequest({}, "127.0.0.1", "client_a")).toEqual(one);
    const clients = Array.from({ length: 40 }, (_, i) => locationFor(`client_${i}`).city);
    expect(new Set(clients).size).toBeGreaterThan(3);
    const far = activityFromRequest({ "user-agent": MAC_CHROME }, "8.8.4.4", "client_b");
    expect(far.ip_address).toBe("8.8.4.4");
    expect(far.city).toBeUndefined();
    expect(ACTIVITY_LOCATIONS.map((l) => l.ip)).not.toContain("8.8.4.4");
  });
});

describe("latest_activity over BAPI and webhooks", () => {
  let lc: LocalClerkHandle;
  beforeAll(async () => {
    lc = await startLocalClerk({ port: 0, seedUsers: 30, quiet: true });
  });
  afterAll(async () => {
    await lc?.stop();
  });

  it("a FAPI sign-in's session reports the browser's device, browser, IP, city and country", async () => {
    const c = new FapiTestClient(lc.url);
    const viewer = SEEDED_ACCOUNTS[1];
    const start = await c.json<{ response: { id: string } }>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: viewer.email,
    });
    const done = await c.json<{ response: { created_session_id: string } }>(
      "POST",
      `/v1/client/sign_ins/${start.body.response.id}/attempt_first_factor${Q}`,
      { strategy: "password", password: viewer.password },
    );
    const sid = done.body.response.created_session_id;
    const res = await fetch(`${lc.url}/v1/sessions/${sid}`, {
      headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}` },
    });
    const session = (await res.json()) as { latest_activity: Record<string, unknown> };
    expect(session.latest_activity).toMatchObject({ object: "session_activity", is_mobile: false });
    const place = ACTIVITY_LOCATIONS.find((l) => l.ip === session.latest_activity.ip_address);
    expect(place).toBeDefined();
    expect(session.latest_activity.city).toBe(place?.city);
    expect(session.latest_activity.country).toBe(place?.country);
  });

  it("seeds past sign-ins with activity, some users from several places", async () => {
    const res = await fetch(`${lc.url}/v1/sessions?paginated=true&limit=500`, {
      headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}` },
    });
    const { data } = (await res.json()) as {
      data: { user_id: string; status: string; latest_activity: { city?: string } | null }[];
    };
    const ended = data.filter((s) => s.status === "ended");
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.every((s) => typeof s.latest_activity?.city === "string")).toBe(true);
    const cities = new Map<string, Set<string>>();
    for (const s of ended) {
      const seen = cities.get(s.user_id) ?? new Set<string>();
      seen.add(s.latest_activity?.city ?? "");
      cities.set(s.user_id, seen);
    }
    expect([...cities.values()].some((seen) => seen.size >= 2)).toBe(true);
  });
});
