"use client";

import { SignIn, SignUp, UserButton } from "@clerk/nextjs";
import type { ComponentProps } from "react";
import { clerkAppearance } from "./clerk-appearance";

// The appearance travels with Clerk's components in client code; on <ClerkProvider> in the root layout it
// was serialized into the RSC payload of every page, including those that draw no Clerk component.

export function ThemedSignIn(props: ComponentProps<typeof SignIn>) {
  return <SignIn appearance={clerkAppearance} {...props} />;
}

export function ThemedSignUp(props: ComponentProps<typeof SignUp>) {
  return <SignUp appearance={clerkAppearance} {...props} />;
}

export function ThemedUserButton() {
  return <UserButton appearance={clerkAppearance} userProfileProps={{ appearance: clerkAppearance }} />;
}
