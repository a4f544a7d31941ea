import { AlertTriangle } from "lucide-react";
import { toPublicError } from "@/lib/errors";

export function OverviewError({ what, error }: { what: string; error: unknown }) {
  const e = toPublicError(error);
  return (
    <div
      role="alert"
      data-testid="overview-error"
      className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <AlertTriangle aria-hidden className="mt-0.5 size-4" />
      <div>
        <p className="font-medium">Could not load {what}.</p>
        <p>{e.message} Reload the page to try again.</p>
      </div>
    </div>
  );
}
