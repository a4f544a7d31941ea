import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { State } from "./store";
import { USER_ORDER_FIELDS } from "./user-query";

const NAMES = ["ann", "Bob", "cat", "Dan", "Müller", "Zoë", null] as const;

describe("UserStore list/count with incrementally maintained sorted views", () => {
  it("matches a naive filter + sort after any sequence of writes", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("create" as const),
        first: fc.constantFrom(...NAMES),
        last: fc.constantFrom(...NAMES),
      }),
      fc.record({ kind: fc.constant("rename" as const), pick: fc.nat(), first: fc.constantFrom(...NAMES) }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("signin" as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.constantFrom(...USER_ORDER_FIELDS),
        fc.boolean(),
        fc.constantFrom("", "a", "bob", "example", "müll", "zoë", "ler"),
        (ops, field, desc, query) => {
          const state = new State();
          let t = 1_000;
          state.clock.now = () => (t += 7);
          const users = state.users;
          let n = 0;
          // Build the views first so every write below goes through the incremental path.
          users.list({}, { field, desc }, 1, 0);
          users.list({}, { field: "created_at", desc: false }, 1, 0);
          users.count({ query }); // fills the count cache, which every write must invalidate
          for (const o of ops) {
            const ids = [...users.all()].map((u) => u.id);
            const id = ids.length ? ids[("pick" in o ? o.pick : 0) % ids.length] : undefined;
            if (o.kind === "create")
              users.create({ emailAddresses: [`u${n++}@example.org`], firstName: o.first, lastName: o.last });
            else if (id && o.kind === "rename") users.update(id, { firstName: o.first });
            else if (id && o.kind === "delete") users.delete(id);
            else if (id && o.kind === "signin") users.recordSignIn(id);
          }
          const got = users.list({ query }, { field, desc }, 500, 0);
          const naive = [...users.all()]
            .filter(
              (u) =>
                !query ||
                [u.id, u.first_name, u.last_name, u.emails[0]?.email_address]
                  .join(" ")
                  .toLowerCase()
                  .includes(query),
            )
            .sort((a, b) => {
              const key = (u: typeof a) => {
                if (field === "email_address") return u.emails[0]?.email_address ?? "";
                if (field === "first_name" || field === "last_name" || field === "username")
                  return (u[field] ?? "").toLowerCase();
                return u[field] ?? 0;
              };
              const [ka, kb] = [key(a), key(b)];
              const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
              return desc ? -c : c;
            });
          // Whole records, not just ids: a stale record left in a view must fail this.
          expect(got).toEqual(naive);
          expect(users.count({ query })).toBe(naive.length);
          // Small pages take the bounded top-k path.
          expect(users.list({ query }, { field, desc }, 3, 1)).toEqual(naive.slice(1, 4));
          // A restored copy builds its search index in bulk (the path a restart takes) and must agree.
          const copy = new State();
          copy.restore(state.snapshot());
          copy.users.warm();
          expect(copy.users.list({ query }, { field, desc }, 500, 0)).toEqual(naive);
          expect(copy.users.count({ query })).toBe(naive.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
