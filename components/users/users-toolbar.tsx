"use client";
import { Download } from "lucide-react";
import { useQueryStates } from "nuqs";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PAGE_SIZES, parseMetadataColumns, usersSearchParams } from "@/lib/console/users-view";

const DEBOUNCE_MS = 300;

/** Keeps a text box in sync with one URL key, writing (debounced) only when the user pauses. */
export function useDebouncedParam(value: string, write: (v: string) => void) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => write(draft), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, value, write]);
  return [draft, setDraft] as const;
}

export function exportHref(view: { q: string; email: string; sort: string; cols: string }) {
  const p = new URLSearchParams();
  if (view.q) p.set("q", view.q);
  if (view.email) p.set("email", view.email);
  p.set("sort", view.sort);
  p.set("cols", parseMetadataColumns(view.cols).join(","));
  return `/api/export/users?${p.toString()}`;
}

export function UsersToolbar() {
  const [view, setView] = useQueryStates(usersSearchParams, { shallow: false, history: "push" });
  const [q, setQ] = useDebouncedParam(view.q, (v) => setView({ q: v || null, page: null }));
  const [email, setEmail] = useDebouncedParam(view.email, (v) => setView({ email: v || null, page: null }));
  const [cols, setCols] = useDebouncedParam(view.cols, (v) => setView({ cols: v }));
  const ids = { q: useId(), email: useId(), size: useId(), cols: useId() };

  return (
    <search>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setView({ q: q || null, email: email || null, page: null });
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor={ids.q}>Search</Label>
          <Input
            id={ids.q}
            type="search"
            placeholder="Name, email, username, id…"
            className="w-72"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="users-search"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids.email}>Email is exactly</Label>
          <Input
            id={ids.email}
            type="email"
            placeholder="someone@example.com"
            className="w-64"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="users-email-filter"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids.size}>Page size</Label>
          <select
            id={ids.size}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
            value={view.size}
            onChange={(e) => setView({ size: Number(e.target.value), page: null })}
            data-testid="users-page-size"
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids.cols}>Metadata columns</Label>
          <Input
            id={ids.cols}
            placeholder="plan,role,company"
            className="w-48"
            value={cols}
            onChange={(e) => setCols(e.target.value)}
            data-testid="users-columns"
          />
        </div>
        <button type="submit" className="sr-only">
          Apply filters
        </button>
        <Button asChild variant="outline" className="ml-auto">
          <a href={exportHref(view)} download data-testid="users-export">
            <Download aria-hidden />
            Export CSV
          </a>
        </Button>
      </form>
    </search>
  );
}
