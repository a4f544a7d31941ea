"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import { SheetPanel } from "@/components/ui/sheet";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { NavLinks } from "./nav-links";

export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <SpriteIcon name="menu" />
        </Button>
      </DialogTrigger>
      <SheetPanel title="Clerk Admin Console" description="Console sections">
        <nav aria-label="Console (mobile)">
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      </SheetPanel>
    </Dialog>
  );
}
