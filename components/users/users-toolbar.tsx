"use client";
import { useRef } from "react";
import { ExportCsvLink, FilterInput, FilterSelect, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { usersFiltersQuery } from "@/lib/console/users-filters";
import { PAGE_SIZES, parseMetadataColumns } from "@/lib/console/users-view";
import { useUsersView } from "./users-view-state";

export function exportHref(
  view: { q: string; email: string; sort: string; cols: string } & Partial<Record<string, unknown>>,
) {
  const { q, email, sort, cols, ...rest } = view;
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  if (email) p.set("email", email);
  p.set("sort", sort);
  p.set("cols", parseMetadataColumns(cols).join(","));
  for (const [key, value] of usersFiltersQuery(rest)) p.set(key, value);
  return `/api/export/users?${p.toString()}`;
}

const TYPING_BURST_MS = 1000;

export function UsersToolbar() {
  const { view, setView } = useUsersView();
  // The search applies as it is typed (each view renders in a transition, the last one wins); the
  // keystrokes of one burst of typing make one history entry.
  const lastTyped = useRef(0);
  const [q, setQ] = useDebouncedParam(
    view.q,
    (v) => {
      const typing = performance.now() - lastTyped.current < TYPING_BURST_MS;
      lastTyped.current = performance.now();
      setView({ q: v || null, page: null }, typing ? { history: "replace" } : undefined);
    },
    0,
  );
  const [email, setEmail] = useDebouncedParam(view.email, (v) => setView({ email: v || null, page: null }));
  const [cols, setCols] = useDebouncedParam(view.cols, (v) => setView({ cols: v }));

  return (
    <FilterToolbar
      onApply={() => setView({ q: q || null, email: email || null, page: null })}
      actions={<ExportCsvLink href={exportHref(view)} testId="users-export" />}
    >
      <FilterInput
        label="Search"
        type="search"
        placeholder="Name, email, username, id…"
        className="w-72"
        value={q}
        onValue={setQ}
        testId="users-search"
      />
      <FilterInput
        label="Email is exactly"
        type="email"
        placeholder="someone@example.com"
        className="w-64"
        value={email}
        onValue={setEmail}
        testId="users-email-filter"
      />
      <FilterSelect
        label="Page size"
        value={view.size}
        onValue={(v) => setView({ size: Number(v), page: null })}
        options={PAGE_SIZES}
        testId="users-page-size"
      />
      <FilterInput
        label="Metadata columns"
        placeholder="plan,role,company"
        className="w-48"
        value={cols}
        onValue={setCols}
        testId="users-columns"
      />
    </FilterToolbar>
  );
}
