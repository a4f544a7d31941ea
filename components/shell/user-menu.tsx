"use client";

import { UserButton } from "@clerk/nextjs";

export function UserMenu() {
  return (
    <div data-testid="user-button" className="flex size-8 items-center justify-center">
      <UserButton />
    </div>
  );
}
