import type * as React from "react";

/** A form that never navigates: submitting it (Enter or its button) calls `onReady` when `ready`. */
export function SubmitForm({
  ready = true,
  onReady,
  ...props
}: Omit<React.ComponentProps<"form">, "onSubmit"> & { ready?: boolean; onReady: () => void }) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onReady();
      }}
    />
  );
}
