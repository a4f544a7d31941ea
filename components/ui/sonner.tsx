"use client";

import type * as React from "react";
import { Toaster as Sonner } from "sonner";
import { useTheme } from "@/components/theme/use-theme";

function Toaster(props: React.ComponentProps<typeof Sonner>) {
  const { resolved } = useTheme();
  return (
    <Sonner
      theme={resolved}
      className="toaster group"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: "font-sans" } }}
      {...props}
    />
  );
}

export { Toaster };
