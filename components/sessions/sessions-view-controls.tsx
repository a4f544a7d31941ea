"use client";
import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { MORE_THAN_CHOICES, SESSION_WINDOWS, sessionsSearchParams } from "@/lib/console/sessions-view";

const WINDOW_LABELS: Record<number, string> = { 1: "Last 24 hours", 7: "Last 7 days", 30: "Last 30 days" };

/** N and the window of the suspicious-users list, in the URL (shareable, survives reload). */
export function SessionsViewControls() {
  const [pending, startTransition] = useTransition();
  const [view, setView] = useQueryStates(sessionsSearchParams, {
    shallow: false,
    scroll: false,
    clearOnDefault: false,
    startTransition,
  });
  return (
    <div className="flex flex-wrap items-end gap-4" data-testid="suspicious-controls" aria-busy={pending}>
      <div className="grid gap-1">
        <Label htmlFor="suspicious-more-than">More than</Label>
        <NativeSelect
          id="suspicious-more-than"
          value={view.more_than}
          options={MORE_THAN_CHOICES}
          optionLabel={(n) => `${n} location${n === 1 ? "" : "s"} or device${n === 1 ? "" : "s"}`}
          onChange={(e) => setView({ more_than: sessionsSearchParams.more_than.parse(e.target.value) })}
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="suspicious-window">Window</Label>
        <NativeSelect
          id="suspicious-window"
          value={view.window}
          options={SESSION_WINDOWS}
          optionLabel={(d) => WINDOW_LABELS[d] ?? `${d} days`}
          onChange={(e) => setView({ window: sessionsSearchParams.window.parse(e.target.value) })}
        />
      </div>
    </div>
  );
}
