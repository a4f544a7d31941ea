"use client";
import { useId } from "react";
import { ClearFiltersButton, FilterInput, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { useUsersView } from "./users-view-state";

/** Public-metadata key = value filter (URL `mk` / `mv`); Clerk's own search cannot do this. */
export function MetadataFilterBar({ error }: { error?: string }) {
  const { view, setView } = useUsersView();
  const [key, setKey] = useDebouncedParam(view.mk, (v) => setView({ mk: v || null, page: null }));
  const [value, setValue] = useDebouncedParam(view.mv, (v) => setView({ mv: v || null, page: null }));
  const help = useId();
  const active = !!(view.mk || view.mv);

  return (
    <FilterToolbar
      aria-label="Filter by public metadata"
      submitLabel="Apply metadata filter"
      onApply={() => setView({ mk: key || null, mv: value || null, page: null })}
      actions={
        <>
          {active && (
            <ClearFiltersButton
              size="sm"
              className="mb-0.5"
              onClick={() => {
                setKey("");
                setValue("");
                setView({ mk: null, mv: null, page: null });
              }}
              data-testid="metadata-filter-clear"
            />
          )}
          <p id={help} className="basis-full text-xs text-muted-foreground">
            Values that read as JSON (<code>5</code>, <code>true</code>, <code>{'"5"'}</code>) match as JSON,
            anything else as text. Served from the console&apos;s metadata index, kept current by Clerk
            webhooks.
          </p>
          {error && (
            <p
              role="alert"
              className="basis-full text-sm text-destructive"
              data-testid="metadata-filter-error"
            >
              {error}
            </p>
          )}
        </>
      }
    >
      <FilterInput
        label="Public metadata key"
        placeholder="plan"
        className="w-40"
        value={key}
        onValue={setKey}
        aria-describedby={help}
        aria-invalid={!!error}
        testId="metadata-filter-key"
      />
      <span aria-hidden className="pb-2 text-muted-foreground">
        =
      </span>
      <FilterInput
        label="Value"
        placeholder="pro (blank: key is set)"
        className="w-48"
        value={value}
        onValue={setValue}
        aria-describedby={help}
        testId="metadata-filter-value"
      />
    </FilterToolbar>
  );
}
