"use client";
import {
  ClearFiltersButton,
  FilterInput,
  FilterSelect,
  FilterToolbar,
} from "@/components/shell/filter-toolbar";
import { useDebouncedParam } from "@/components/shell/use-debounced-param";
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
      <FilterSelect
        label="Status"
        value={filters.status}
        emptyOption="Any status"
        options={USER_STATUSES}
        optionLabel={(s) => STATUS_LABELS[s]}
        onValue={(v) => setFilters({ status: v || null, page: null })}
        testId="users-status-filter"
      />
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
      <FilterInput
        label="Organization id"
        placeholder="org_…"
        className="w-44"
        value={org}
        onValue={setOrg}
        testId="users-org-filter"
      />
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
  return (
    <fieldset className="flex items-end gap-1">
      <legend className="sr-only">{label}</legend>
      <FilterInput
        label={`${label} from`}
        type="date"
        className="w-36"
        value={from}
        max={to || undefined}
        onValue={(v) => onChange("from", v)}
        testId={`users-${name}-from`}
      />
      <FilterInput
        label="to"
        type="date"
        className="w-36"
        value={to}
        min={from || undefined}
        onValue={(v) => onChange("to", v)}
        testId={`users-${name}-to`}
      />
    </fieldset>
  );
}
