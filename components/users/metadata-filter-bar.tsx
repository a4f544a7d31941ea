"use client";
import { X } from "lucide-react";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { usersSearchParams } from "@/lib/console/users-view";
import { useDebouncedParam } from "./users-toolbar";

/** Public-metadata key = value filter (URL `mk` / `mv`); Clerk's own search cannot do this. */
export function MetadataFilterBar({ error }: { error?: string }) {
  const [view, setView] = useQueryStates(usersSearchParams, { shallow: false, history: "push" });
  const [key, setKey] = useDebouncedParam(view.mk, (v) => setView({ mk: v || null, page: null }));
  const [value, setValue] = useDebouncedParam(view.mv, (v) => setView({ mv: v || null, page: null }));
  const ids = { key: useId(), value: useId(), help: useId() };
  const active = !!(view.mk || view.mv);

  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Filter by public metadata"
      onSubmit={(e) => {
        e.preventDefault();
        setView({ mk: key || null, mv: value || null, page: null });
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor={ids.key}>Public metadata key</Label>
        <Input
          id={ids.key}
          placeholder="plan"
          className="w-40"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={ids.help}
          aria-invalid={!!error}
          data-testid="metadata-filter-key"
        />
      </div>
      <span aria-hidden className="pb-2 text-zinc-500">
        =
      </span>
      <div className="grid gap-1">
        <Label htmlFor={ids.value}>Value</Label>
        <Input
          id={ids.value}
          placeholder="pro (blank: key is set)"
          className="w-48"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={ids.help}
          data-testid="metadata-filter-value"
        />
      </div>
      <button type="submit" className="sr-only">
        Apply metadata filter
      </button>
      {active && (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="mb-0.5"
          onClick={() => {
            setKey("");
            setValue("");
            setView({ mk: null, mv: null, page: null });
          }}
          data-testid="metadata-filter-clear"
        >
          <X aria-hidden /> Clear
        </Button>
      )}
      <p id={ids.help} className="basis-full text-xs text-zinc-600">
        Values that read as JSON (<code>5</code>, <code>true</code>, <code>{'"5"'}</code>) match as JSON,
        anything else as text. Served from the console&apos;s metadata index, kept current by Clerk webhooks.
      </p>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700" data-testid="metadata-filter-error">
          {error}
        </p>
      )}
    </form>
  );
}
