"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { NavLinks } from "./nav-links";

export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <SpriteIcon name="menu" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left">
        <SheetTitle>Clerk Admin Console</SheetTitle>
        <SheetDescription className="sr-only">Console sections</SheetDescription>
        <nav aria-label="Console (mobile)">
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
