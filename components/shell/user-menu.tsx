"use client";

import { ThemedUserButton } from "@/components/theme/themed-clerk";

export function UserMenu() {
  return (
    <div data-testid="user-button" className="flex size-8 items-center justify-center">
      <ThemedUserButton />
    </div>
  );
}
