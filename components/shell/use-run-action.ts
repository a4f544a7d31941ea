"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult, FieldErrors, PublicError } from "@/lib/errors";

/**
 * Runs server actions in a transition (`pending` while one runs): success goes to `onOk`, a refusal
 * is toasted and then given to `onError`. `refreshWith(message)` is the common `onOk`: toast (the
 * message may be worked out from the result), then refresh the page's data.
 */
export function useRunAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const run = <T>(
    call: () => Promise<ActionResult<T>>,
    onOk: (data: T) => void,
    onError?: (error: PublicError) => void,
  ) =>
    startTransition(async () => {
      const r = await call();
      if (r.ok) return onOk(r.data);
      toast.error(r.error.message);
      onError?.(r.error);
    });
  const refreshWith =
    <T>(message: string | ((data: T) => string)) =>
    (data: T) => {
      toast.success(typeof message === "string" ? message : message(data));
      router.refresh();
    };
  return { pending, run, router, refreshWith };
}

/**
 * useRunAction for a form: a refusal's field errors stay in `errors` for its fields (a refusal without
 * any, under `fallbackField` when given); a success clears them.
 */
export function useFormAction(fallbackField?: string) {
  const action = useRunAction();
  const [errors, setErrors] = useState<FieldErrors>({});
  const run = <T>(call: () => Promise<ActionResult<T>>, onOk: (data: T) => void) =>
    action.run(
      call,
      (data) => {
        setErrors({});
        onOk(data);
      },
      (error) => setErrors(error.fieldErrors ?? (fallbackField ? { [fallbackField]: [error.message] } : {})),
    );
  return { ...action, run, errors, setErrors };
}
