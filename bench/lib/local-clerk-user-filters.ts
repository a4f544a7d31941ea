import { LOCAL_SECRET_KEY } from "../../local-clerk/src/app-env";
import type { LocalClerkHandle } from "../../local-clerk/src/index";
import type { UserRecord } from "../../local-clerk/src/state/types";
import { type Figure, printFigures } from "./figures";
import { pct } from "./stats";

const BUDGET_MS = 10;

/** One case per parameter of GET /v1/users (and /users/count), with values the seed really holds. */
export function userFilterCases(users: UserRecord[]): [string, string][] {
  const at = (i: number) => users[Math.floor(users.length * i)] as UserRecord;
  const withPhone = users.filter((u) => u.phones?.length);
  const withWallet = users.find((u) => u.web3_wallets?.length);
  const withGoogle = users.filter((u) => u.external_accounts?.some((a) => a.provider === "oauth_google"));
  const withExternal = users.find((u) => u.external_id);
  const withUsername = users.find((u) => u.username);
  const mid = at(0.5);
  const enc = encodeURIComponent;
  const e = (u: UserRecord) => enc(u.emails[0]?.email_address ?? "");
  const p = (u: UserRecord) => enc(u.phones?.[0]?.phone_number ?? "");
  const google = (u: UserRecord) =>
    u.external_accounts?.find((a) => a.provider === "oauth_google")?.provider_user_id;
  return [
    ["email_address (2)", `email_address=${e(at(0.1))}&email_address=${e(at(0.9))}`],
    [
      "phone_number (2)",
      `phone_number=${p(withPhone[1] as UserRecord)}&phone_number=${p(withPhone.at(-2) as UserRecord)}`,
    ],
    ["external_id", `external_id=${enc(withExternal?.external_id ?? "none")}`],
    ["username", `username=${enc(withUsername?.username ?? "admin")}`],
    ["web3_wallet", `web3_wallet=${withWallet?.web3_wallets?.[0]?.web3_wallet ?? "0x0"}`],
    ["user_id (3)", `user_id=${at(0.2).id}&user_id=${at(0.5).id}&user_id=${at(0.8).id}`],
    [
      "user_id (100)",
      users
        .slice(0, 100)
        .map((u) => `user_id=${u.id}`)
        .join("&"),
    ],
    ["query", "query=garcia"],
    ["email_address_query", "email_address_query=outlook"],
    ["phone_number_query", "phone_number_query=%2B4420"],
    ["username_query", "username_query=adm"],
    ["name_query", "name_query=olivia"],
    ["banned=true", "banned=true"],
    ["banned=false", "banned=false"],
    ["last_active_at_before", `last_active_at_before=${mid.created_at}`],
    ["last_active_at_after", `last_active_at_after=${mid.created_at}`],
    ["last_active_at_since", `last_active_at_since=${mid.created_at}`],
    ["created_at_before", `created_at_before=${mid.created_at}`],
    ["created_at_after", `created_at_after=${mid.created_at}`],
    ["last_sign_in_at_before", `last_sign_in_at_before=${mid.created_at}`],
    ["last_sign_in_at_after", `last_sign_in_at_after=${mid.created_at}`],
    [
      "provider + provider_user_id",
      `provider=oauth_google&provider_user_id=${google(withGoogle[0] as UserRecord)}&provider_user_id=${google(withGoogle.at(-1) as UserRecord)}`,
    ],
    ["offset=5000", "offset=5000"],
    ["starting_after", `starting_after=${mid.id}`],
    ["order_by=+email_address", "order_by=%2Bemail_address"],
    ["order_by=-last_sign_in_at", "order_by=-last_sign_in_at"],
    ["query + banned + created_at_after", `query=smith&banned=false&created_at_after=${at(0.3).created_at}`],
    [
      "email_address_query + last_sign_in_at_after",
      `email_address_query=gmail&last_sign_in_at_after=${mid.created_at}`,
    ],
  ];
}

/**
 * Every filter of GET /v1/users and /users/count over HTTP, each request after a user write (so no
 * count comes from the cache); prints p50/p95 per filter and a BENCH_RESULT figure (target p95 <= 10 ms).
 */
export async function benchUserFilters(handle: LocalClerkHandle, iterations: number): Promise<Figure[]> {
  const headers = { Authorization: `Bearer ${LOCAL_SECRET_KEY}` };
  const users = [...handle.state.users.all()];
  const admin = handle.state.findUserByEmail("admin@example.com");
  let bump = 0;
  const write = () => {
    if (admin) handle.state.users.mergeMetadata(admin.id, { publicMetadata: { filter_bench: ++bump } });
  };
  const fmt = (xs: number[]) =>
    `${pct(xs, 0.5).toFixed(2).padStart(7)} /${pct(xs, 0.95).toFixed(2).padStart(7)}`;
  console.log(
    `\nGET /v1/users filters over HTTP (limit 10), ${users.length} users, p50 / p95 ms, budget p95 <= ${BUDGET_MS}`,
  );
  console.log(
    `${"filter".padEnd(30)}${"matches".padStart(8)}${"HTTP list".padStart(18)}${"HTTP count".padStart(18)}  verdict`,
  );
  const figures: Figure[] = [];
  let worst = 0;
  for (const [name, query] of userFilterCases(users)) {
    const list: number[] = [];
    const count: number[] = [];
    let matches = 0;
    const countQuery = query.replace(/&?(offset|starting_after|order_by)=[^&]*/g, "");
    // Once untimed: the first use of an order or range field builds its sorted view.
    await (await fetch(`${handle.url}/v1/users?${query}&limit=10`, { headers })).arrayBuffer();
    await (await fetch(`${handle.url}/v1/users/count?${countQuery}`, { headers })).arrayBuffer();
    for (let i = 0; i < iterations; i++) {
      write();
      let t = performance.now();
      const res = await fetch(`${handle.url}/v1/users?${query}&limit=10`, { headers });
      await res.arrayBuffer();
      list.push(performance.now() - t);
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      write();
      t = performance.now();
      const c = (await (await fetch(`${handle.url}/v1/users/count?${countQuery}`, { headers })).json()) as {
        total_count: number;
      };
      count.push(performance.now() - t);
      matches = c.total_count;
    }
    const p95 = Math.max(pct(list, 0.95), pct(count, 0.95));
    worst = Math.max(worst, p95);
    console.log(
      `${name.padEnd(30)}${String(matches).padStart(8)}${fmt(list).padStart(18)}${fmt(count).padStart(18)}  ${p95 <= BUDGET_MS ? "ok" : "OVER"}`,
    );
    figures.push({
      bench: "local-clerk",
      name: `GET /v1/users ${name} p95 (list, count)`,
      value: Math.round(p95 * 100) / 100,
      unit: "ms",
      target: { op: "<=", value: BUDGET_MS },
    });
  }
  console.log(`worst filter p95: ${worst.toFixed(2)} ms`);
  return figures;
}

export async function benchAndPrintUserFilters(handle: LocalClerkHandle, iterations: number): Promise<void> {
  printFigures(await benchUserFilters(handle, iterations));
}
