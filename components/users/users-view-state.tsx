"use client";
import { type inferParserType, useQueryStates } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { createContext, type ReactNode, use, useTransition } from "react";
import { usersSearchParams } from "@/lib/console/users-view";

type View = inferParserType<typeof usersSearchParams>;
type SetView = ReturnType<typeof useQueryStates<typeof usersSearchParams>>[1];

interface UsersViewState {
  view: View;
  setView: SetView;
  /** True while the server renders the next view (the current table stays, dimmed). */
  pending: boolean;
}

const UsersViewContext = createContext<UsersViewState | null>(null);

function UsersViewStateProvider({ children }: { children: ReactNode }) {
  const [pending, startTransition] = useTransition();
  const [view, setView] = useQueryStates(usersSearchParams, {
    shallow: false,
    history: "push",
    startTransition,
  });
  return <UsersViewContext value={{ view, setView, pending }}>{children}</UsersViewContext>;
}

/**
 * The users page's URL state, parsed once for the toolbar, filter bar, table and pagination. A view
 * change re-renders the page on the server inside a transition: no skeleton, the table stays until
 * the next one is there.
 */
export function UsersViewProvider({ children }: { children: ReactNode }) {
  return (
    <NuqsAdapter>
      <UsersViewStateProvider>{children}</UsersViewStateProvider>
    </NuqsAdapter>
  );
}

export function useUsersView(): UsersViewState {
  const state = use(UsersViewContext);
  if (!state) throw new Error("useUsersView needs <UsersViewProvider>");
  return state;
}

/** Marks the results busy while the next view loads. */
export function UsersResultsFrame({ children }: { children: ReactNode }) {
  const { pending } = useUsersView();
  return (
    <div
      data-testid="users-results"
      aria-busy={pending}
      className="grid gap-3 transition-opacity aria-busy:opacity-60"
    >
      {children}
    </div>
  );
}
