"use client";

import { Dialog as SheetPrimitive } from "radix-ui";
import type * as React from "react";
import { ModalContent } from "./dialog";

/** A panel over the left edge of the page, titled; its description is for assistive technology only. */
function SheetPanel({
  title,
  description,
  children,
}: {
  title: React.ReactNode;
  description: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <ModalContent
      data-slot="sheet-content"
      data-side="left"
      className="inset-y-0 left-0 flex h-full w-72 max-w-[85vw] flex-col gap-4 border-r border-border p-4"
    >
      <SheetPrimitive.Title className="font-semibold">{title}</SheetPrimitive.Title>
      <SheetPrimitive.Description className="sr-only">{description}</SheetPrimitive.Description>
      {children}
    </ModalContent>
  );
}

export { SheetPanel };
