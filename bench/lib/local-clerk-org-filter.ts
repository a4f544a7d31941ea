import { LOCAL_SECRET_KEY } from "../../local-clerk/src/app-env";
import { countUsers, withOrganizationFilter } from "../../local-clerk/src/bapi/user-organization-filter";
import { listUsersHandler, userFilter } from "../../local-clerk/src/bapi/users";
import type { LocalClerkHandle } from "../../local-clerk/src/index";
import { pct } from "./stats";

/**
 * `organization_id` on GET /v1/users and /users/count over HTTP: the largest and a median
 * organization, two at once, and an exclusion (`-org`, which scans every user). Each call
 * follows a membership and a user write, so no count is served from a cache.
 */
export async function benchOrganizationFilter(handle: LocalClerkHandle, iterations: number): Promise<void> {
  const d = handle.state.organizations;
  const orgs = [...d.orgs.all()].sort((a, b) => d.memberships.count(b.id) - d.memberships.count(a.id));
  const largest = orgs[0];
  const median = orgs[Math.floor(orgs.length / 2)];
  if (!largest || !median) return;
  const headers = { Authorization: `Bearer ${LOCAL_SECRET_KEY}` };
  const loner = [...handle.state.users.all()].find((u) => d.memberships.ofUser(u.id).size === 0);
  let flip = false;
  const admin = handle.state.findUserByEmail("admin@example.com");
  let bump = 0;
  // A membership change and a user write between reads, so neither the ids nor a cached count are reused.
  const write = () => {
    if (admin) handle.state.users.mergeMetadata(admin.id, { publicMetadata: { org_bench: ++bump } });
    if (!loner) return;
    flip = !flip;
    if (flip) d.createMembership(median.id, { userId: loner.id, role: "org:member" });
    else d.deleteMembership(median.id, loner.id);
  };
  const cases: [string, string][] = [
    [`largest (${d.memberships.count(largest.id)} members)`, `organization_id=${largest.id}`],
    [`median (${d.memberships.count(median.id)} members)`, `organization_id=${median.id}`],
    ["two organizations", `organization_id=${largest.id}&organization_id=${median.id}`],
    ["excluded (-org)", `organization_id=-${largest.id}`],
  ];
  console.log(
    `\norganization_id filter over HTTP, ${d.orgs.size} organizations, ${d.memberships.size} memberships`,
  );
  console.log(
    `${"case".padEnd(26)}${"handler list".padStart(18)}${"handler count".padStart(18)}${"HTTP list".padStart(18)}${"HTTP count".padStart(18)}`,
  );
  const fmt = (xs: number[]) =>
    `${pct(xs, 0.5).toFixed(2).padStart(7)} /${pct(xs, 0.95).toFixed(2).padStart(7)}`;
  for (const [name, query] of cases) {
    const list: number[] = [];
    const count: number[] = [];
    const handlerList: number[] = [];
    const handlerCount: number[] = [];
    const q = new URLSearchParams(`${query}&limit=10`);
    for (let i = 0; i < iterations; i++) {
      write();
      let t0 = performance.now();
      listUsersHandler(handle.context, q);
      handlerList.push(performance.now() - t0);
      t0 = performance.now();
      const filter = withOrganizationFilter(handle.context, q, userFilter(q));
      if (filter) countUsers(handle.context, filter);
      handlerCount.push(performance.now() - t0);
      write();
      let t = performance.now();
      await (await fetch(`${handle.url}/v1/users?${query}&limit=10`, { headers })).arrayBuffer();
      list.push(performance.now() - t);
      write();
      t = performance.now();
      await (await fetch(`${handle.url}/v1/users/count?${query}`, { headers })).arrayBuffer();
      count.push(performance.now() - t);
    }
    console.log(
      `${name.padEnd(26)}${fmt(handlerList).padStart(18)}${fmt(handlerCount).padStart(18)}${fmt(list).padStart(18)}${fmt(count).padStart(18)}`,
    );
  }
}
