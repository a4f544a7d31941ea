import { ResultError } from "@/components/shell/result-states";
import { toPublicError } from "@/lib/errors";

export function OverviewError({ what, error }: { what: string; error: unknown }) {
  return (
    <ResultError
      data-testid="overview-error"
      title={`Could not load ${what}.`}
      messages={[`${toPublicError(error).message} Reload the page to try again.`]}
    />
  );
}
