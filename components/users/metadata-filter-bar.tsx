"use client";
import { useId } from "react";
import { ClearFiltersButton, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useUsersView } from "./users-view-state";

/** Public-metadata key = value filter (URL `mk` / `mv`); Clerk's own search cannot do this. */
export function MetadataFilterBar({ error }: { error?: string }) {
  const { view, setView } = useUsersView();
  const [key, setKey] = useDebouncedParam(view.mk, (v) => setView({ mk: v || null, page: null }));
  const [value, setValue] = useDebouncedParam(view.mv, (v) => setView({ mv: v || null, page: null }));
  const ids = { key: useId(), value: useId(), help: useId() };
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
          <p id={ids.help} className="basis-full text-xs text-muted-foreground">
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
      <FormField id={ids.key} label="Public metadata key">
        <Input
          placeholder="plan"
          className="w-40"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={ids.help}
          aria-invalid={!!error}
          data-testid="metadata-filter-key"
        />
      </FormField>
      <span aria-hidden className="pb-2 text-muted-foreground">
        =
      </span>
      <FormField id={ids.value} label="Value">
        <Input
          placeholder="pro (blank: key is set)"
          className="w-48"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={ids.help}
          data-testid="metadata-filter-value"
        />
      </FormField>
    </FilterToolbar>
  );
}
