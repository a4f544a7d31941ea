"use client";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { ExportCsvLink, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { organizationsExportHref, organizationsSearchParams } from "@/lib/console/organizations-view";

export function OrganizationsToolbar() {
  const [view, setView] = useQueryStates(organizationsSearchParams, { shallow: false, history: "push" });
  const [q, setQ] = useDebouncedParam(view.q, (v) => setView({ q: v || null, page: null }));
  const id = useId();
  return (
    <FilterToolbar
      onApply={() => setView({ q: q || null, page: null })}
      actions={<ExportCsvLink href={organizationsExportHref(view)} testId="organizations-export" />}
    >
      <FormField id={id} label="Search">
        <Input
          type="search"
          placeholder="Name, slug or id…"
          className="w-72"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="organizations-search"
        />
      </FormField>
    </FilterToolbar>
  );
}
