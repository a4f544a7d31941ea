"use client";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { ClearFiltersButton, ExportCsvLink, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_PAGE_SIZES, auditExportHref, auditSearchParams } from "@/lib/audit/view-params";
import { AUDIT_OUTCOMES, AUDIT_SOURCES } from "@/lib/db/schema";

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
      <FormField id={ids("actor")} label="Actor">
        <Input
          type="search"
          placeholder="Email or user id"
          className="w-52"
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          data-testid="audit-filter-actor"
        />
      </FormField>
      <FormField id={ids("target")} label="Target">
        <Input
          type="search"
          placeholder="User / invitation id or email"
          className="w-56"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="audit-filter-target"
        />
      </FormField>
      <FormField id={ids("source")} label="Source">
        <NativeSelect
          value={view.source ?? ""}
          onChange={(e) => setView({ source: (e.target.value || null) as typeof view.source, page: null })}
          emptyOption="Any"
          options={AUDIT_SOURCES}
          data-testid="audit-filter-source"
        />
      </FormField>
      <FormField id={ids("action")} label="Action">
        <NativeSelect
          value={view.action}
          onChange={(e) => setView({ action: e.target.value || null, page: null })}
          emptyOption="Any"
          options={[...new Set([...actions, ...(view.action ? [view.action] : [])])]}
          data-testid="audit-filter-action"
        />
      </FormField>
      <FormField id={ids("outcome")} label="Outcome">
        <NativeSelect
          value={view.outcome ?? ""}
          onChange={(e) => setView({ outcome: (e.target.value || null) as typeof view.outcome, page: null })}
          emptyOption="Any"
          options={AUDIT_OUTCOMES}
          data-testid="audit-filter-outcome"
        />
      </FormField>
      <FormField id={ids("from")} label="From (UTC)">
        <Input
          type="datetime-local"
          className="w-52"
          value={view.from}
          onChange={(e) => setView({ from: e.target.value || null, page: null })}
          data-testid="audit-filter-from"
        />
      </FormField>
      <FormField id={ids("to")} label="To (UTC)">
        <Input
          type="datetime-local"
          className="w-52"
          value={view.to}
          onChange={(e) => setView({ to: e.target.value || null, page: null })}
          data-testid="audit-filter-to"
        />
      </FormField>
      <FormField id={ids("size")} label="Per page">
        <NativeSelect
          value={view.size}
          onChange={(e) => setView({ size: Number(e.target.value), page: null })}
          options={AUDIT_PAGE_SIZES}
          data-testid="audit-page-size"
        />
      </FormField>
    </FilterToolbar>
  );
}
