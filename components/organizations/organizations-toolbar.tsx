"use client";
import { useQueryStates } from "nuqs";
import { ExportCsvLink, FilterInput, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { organizationsExportHref, organizationsSearchParams } from "@/lib/console/organizations-view";

export function OrganizationsToolbar() {
  const [view, setView] = useQueryStates(organizationsSearchParams, { shallow: false, history: "push" });
  const [q, setQ] = useDebouncedParam(view.q, (v) => setView({ q: v || null, page: null }));
  return (
    <FilterToolbar
      onApply={() => setView({ q: q || null, page: null })}
      actions={<ExportCsvLink href={organizationsExportHref(view)} testId="organizations-export" />}
    >
      <FilterInput
        label="Search"
        type="search"
        placeholder="Name, slug or id…"
        className="w-72"
        value={q}
        onValue={setQ}
        testId="organizations-search"
      />
    </FilterToolbar>
  );
}
