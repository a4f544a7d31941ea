"use client";
import { useQueryStates } from "nuqs";
import {
  ClearFiltersButton,
  ExportCsvLink,
  FilterInput,
  FilterSelect,
  FilterToolbar,
} from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { AUDIT_PAGE_SIZES, auditExportHref, auditSearchParams } from "@/lib/audit/view-params";
import { AUDIT_OUTCOMES, AUDIT_SOURCES } from "@/lib/db/schema";

/** Filters of the audit page, all in the URL (shareable, back/forward work). */
export function AuditToolbar({ actions }: { actions: readonly string[] }) {
  const [view, setView] = useQueryStates(auditSearchParams, { shallow: false, history: "push" });
  const [actor, setActor] = useDebouncedParam(view.actor, (v) => setView({ actor: v || null, page: null }));
  const [target, setTarget] = useDebouncedParam(view.target, (v) =>
    setView({ target: v || null, page: null }),
  );
  const filtered =
    view.actor || view.source || view.action || view.target || view.outcome || view.from || view.to;

  return (
    <FilterToolbar
      onApply={() => setView({ actor: actor || null, target: target || null, page: null })}
      actions={
        <>
          {filtered && (
            <ClearFiltersButton
              onClick={() => {
                setActor("");
                setTarget("");
                setView(null);
              }}
              data-testid="audit-clear-filters"
            />
          )}
          <ExportCsvLink href={auditExportHref(view)} testId="audit-export" />
        </>
      }
    >
      <FilterInput
        label="Actor"
        type="search"
        placeholder="Email or user id"
        className="w-52"
        value={actor}
        onValue={setActor}
        testId="audit-filter-actor"
      />
      <FilterInput
        label="Target"
        type="search"
        placeholder="User / invitation id or email"
        className="w-56"
        value={target}
        onValue={setTarget}
        testId="audit-filter-target"
      />
      <FilterSelect
        label="Source"
        value={view.source ?? ""}
        onValue={(v) => setView({ source: (v || null) as typeof view.source, page: null })}
        emptyOption="Any"
        options={AUDIT_SOURCES}
        testId="audit-filter-source"
      />
      <FilterSelect
        label="Action"
        value={view.action}
        onValue={(v) => setView({ action: v || null, page: null })}
        emptyOption="Any"
        options={[...new Set([...actions, ...(view.action ? [view.action] : [])])]}
        testId="audit-filter-action"
      />
      <FilterSelect
        label="Outcome"
        value={view.outcome ?? ""}
        onValue={(v) => setView({ outcome: (v || null) as typeof view.outcome, page: null })}
        emptyOption="Any"
        options={AUDIT_OUTCOMES}
        testId="audit-filter-outcome"
      />
      {(["from", "to"] as const).map((k) => (
        <FilterInput
          key={k}
          label={`${k === "from" ? "From" : "To"} (UTC)`}
          type="datetime-local"
          className="w-52"
          value={view[k]}
          onValue={(v) => setView({ [k]: v || null, page: null })}
          testId={`audit-filter-${k}`}
        />
      ))}
      <FilterSelect
        label="Per page"
        value={view.size}
        onValue={(v) => setView({ size: Number(v), page: null })}
        options={AUDIT_PAGE_SIZES}
        testId="audit-page-size"
      />
    </FilterToolbar>
  );
}
