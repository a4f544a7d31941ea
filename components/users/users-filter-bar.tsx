"use client";
import { useId } from "react";
import { ClearFiltersButton, FilterToolbar } from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import {
  DATE_RANGES,
  type DateRangeKey,
  USER_STATUSES,
  usersFilterParams,
} from "@/lib/console/users-filters";
import { useUsersView } from "./users-view-state";

const STATUS_LABELS: Record<(typeof USER_STATUSES)[number], string> = {
  active: "Active (not banned or locked)",
  banned: "Banned",
  locked: "Locked",
};
const CLEARED = Object.fromEntries(Object.keys(usersFilterParams).map((k) => [k, null])) as Record<
  keyof typeof usersFilterParams,
  null
>;

/** Status, organization and date-range filters (URL state); Clerk applies them. */
export function UsersFilterBar() {
  const { view: filters, setView: setFilters } = useUsersView();
  const [org, setOrg] = useDebouncedParam(filters.org, (v) => setFilters({ org: v || null, page: null }));
  const ids = { status: useId(), org: useId() };
  const active = Object.keys(usersFilterParams).some((k) => filters[k as keyof typeof usersFilterParams]);

  return (
    <FilterToolbar
      aria-label="Filter by status, organization and dates"
      submitLabel="Apply filters"
      onApply={() => setFilters({ org: org || null, page: null })}
      actions={
        active && (
          <ClearFiltersButton
            size="sm"
            className="mb-0.5"
            onClick={() => {
              setOrg("");
              setFilters({ ...CLEARED, page: null });
            }}
            data-testid="users-filters-clear"
          />
        )
      }
    >
      <FormField id={ids.status} label="Status">
        <NativeSelect
          value={filters.status}
          emptyOption="Any status"
          options={USER_STATUSES}
          optionLabel={(s) => STATUS_LABELS[s]}
          onChange={(e) => setFilters({ status: e.target.value || null, page: null })}
          data-testid="users-status-filter"
        />
      </FormField>
      {(Object.keys(DATE_RANGES) as DateRangeKey[]).map((key) => (
        <DayRangeFields
          key={key}
          label={DATE_RANGES[key].label}
          name={key}
          from={filters[`${key}_from`]}
          to={filters[`${key}_to`]}
          onChange={(end, value) =>
            setFilters({ [`${key}_${end}` as const]: value || null, page: null } as Record<
              string,
              null | string
            >)
          }
        />
      ))}
      <FormField id={ids.org} label="Organization id">
        <Input
          placeholder="org_…"
          className="w-44"
          value={org}
          onChange={(e) => setOrg(e.target.value)}
          data-testid="users-org-filter"
        />
      </FormField>
    </FilterToolbar>
  );
}

function DayRangeFields({
  label,
  name,
  from,
  to,
  onChange,
}: {
  label: string;
  name: string;
  from: string;
  to: string;
  onChange: (end: "from" | "to", value: string) => void;
}) {
  const ids = { from: useId(), to: useId() };
  return (
    <fieldset className="flex items-end gap-1">
      <legend className="sr-only">{label}</legend>
      <FormField id={ids.from} label={`${label} from`}>
        <Input
          type="date"
          className="w-36"
          value={from}
          max={to || undefined}
          onChange={(e) => onChange("from", e.target.value)}
          data-testid={`users-${name}-from`}
        />
      </FormField>
      <FormField id={ids.to} label="to">
        <Input
          type="date"
          className="w-36"
          value={to}
          min={from || undefined}
          onChange={(e) => onChange("to", e.target.value)}
          data-testid={`users-${name}-to`}
        />
      </FormField>
    </fieldset>
  );
}
