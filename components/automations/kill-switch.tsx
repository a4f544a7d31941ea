"use client";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { setAutomationsPausedAction } from "@/lib/actions/automations";

/** Pauses every automation at once (events that arrive meanwhile are recorded as skipped). */
export function KillSwitch({ paused, canWrite }: { paused: boolean; canWrite: boolean }) {
  const { pending, run, refreshWith } = useRunAction();
  const toggle = () =>
    run(
      () => setAutomationsPausedAction({ paused: !paused }),
      refreshWith((r) => (r.paused ? "All automations paused." : "Automations resumed.")),
    );
  return (
    <div className="flex items-center gap-2">
      <Badge data-testid="automations-state" variant={paused ? "destructive" : "success"}>
        {paused ? "Paused" : "Running"}
      </Badge>
      {canWrite && (
        <Button
          data-testid="kill-switch"
          variant={paused ? "default" : "destructive"}
          size="sm"
          disabled={pending}
          onClick={toggle}
        >
          {paused ? "Resume automations" : "Pause all automations"}
        </Button>
      )}
    </div>
  );
}
