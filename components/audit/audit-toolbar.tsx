"use client";
import { Download, X } from "lucide-react";
import { useQueryStates } from "nuqs";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUDIT_PAGE_SIZES, auditExportHref, auditSearchParams } from "@/lib/audit/view-params";
import { AUDIT_OUTCOMES, AUDIT_SOURCES } from "@/lib/db/schema";

const DEBOUNCE_MS = 300;
const SELECT = "h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm";

function useDebouncedParam(value: string, write: (v: string) => void) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => write(draft), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, value, write]);
  return [draft, setDraft] as const;
}

/** Filters of the audit page, all in the URL (shareable, back/forward work). */
export function AuditToolbar({ actions }: { actions: readonly string[] }) {
  const [view, setView] = useQueryStates(auditSearchParams, { shallow: false, history: "push" });
  const [actor, setActor] = useDebouncedParam(view.actor, (v) => setView({ actor: v || null, page: null }));
  const [target, setTarget] = useDebouncedParam(view.target, (v) =>
    setView({ target: v || null, page: null }),
  );
  const id = useId();
  const ids = (k: string) => `${id}-${k}`;
  const filtered =
    view.actor || view.source || view.action || view.target || view.outcome || view.from || view.to;

  return (
    <search>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setView({ actor: actor || null, target: target || null, page: null });
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor={ids("actor")}>Actor</Label>
          <Input
            id={ids("actor")}
            type="search"
            placeholder="Email or user id"
            className="w-52"
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            data-testid="audit-filter-actor"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("target")}>Target</Label>
          <Input
            id={ids("target")}
            type="search"
            placeholder="User / invitation id or email"
            className="w-56"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="audit-filter-target"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("source")}>Source</Label>
          <select
            id={ids("source")}
            className={SELECT}
            value={view.source ?? ""}
            onChange={(e) => setView({ source: (e.target.value || null) as typeof view.source, page: null })}
            data-testid="audit-filter-source"
          >
            <option value="">Any</option>
            {AUDIT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("action")}>Action</Label>
          <select
            id={ids("action")}
            className={SELECT}
            value={view.action}
            onChange={(e) => setView({ action: e.target.value || null, page: null })}
            data-testid="audit-filter-action"
          >
            <option value="">Any</option>
            {[...new Set([...actions, ...(view.action ? [view.action] : [])])].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("outcome")}>Outcome</Label>
          <select
            id={ids("outcome")}
            className={SELECT}
            value={view.outcome ?? ""}
            onChange={(e) =>
              setView({ outcome: (e.target.value || null) as typeof view.outcome, page: null })
            }
            data-testid="audit-filter-outcome"
          >
            <option value="">Any</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("from")}>From (UTC)</Label>
          <Input
            id={ids("from")}
            type="datetime-local"
            className="w-52"
            value={view.from}
            onChange={(e) => setView({ from: e.target.value || null, page: null })}
            data-testid="audit-filter-from"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("to")}>To (UTC)</Label>
          <Input
            id={ids("to")}
            type="datetime-local"
            className="w-52"
            value={view.to}
            onChange={(e) => setView({ to: e.target.value || null, page: null })}
            data-testid="audit-filter-to"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids("size")}>Per page</Label>
          <select
            id={ids("size")}
            className={SELECT}
            value={view.size}
            onChange={(e) => setView({ size: Number(e.target.value), page: null })}
            data-testid="audit-page-size"
          >
            {AUDIT_PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="sr-only">
          Apply filters
        </button>
        {filtered && (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setActor("");
              setTarget("");
              setView(null);
            }}
            data-testid="audit-clear-filters"
          >
            <X aria-hidden /> Clear
          </Button>
        )}
        <Button asChild variant="outline" className="ml-auto">
          <a href={auditExportHref(view)} download data-testid="audit-export">
            <Download aria-hidden />
            Export CSV
          </a>
        </Button>
      </form>
    </search>
  );
}
