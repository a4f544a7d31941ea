"use client";
import { useCallback, useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 300;

/**
 * Keeps a text box in sync with one URL key, writing (debounced) only when the user pauses. Writes
 * come from typing only: a URL change (back/forward, another control) updates the box and is never
 * written back, which with a short delay could beat the re-render and undo a back navigation.
 */
export function useDebouncedParam(value: string, write: (v: string) => void, delayMs = DEBOUNCE_MS) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ value, write });
  useEffect(() => {
    latest.current = { value, write };
  });
  useEffect(() => setDraft(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = useCallback(
    (next: string) => {
      setDraft(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        if (next !== latest.current.value) latest.current.write(next);
      }, delayMs);
    },
    [delayMs],
  );
  return [draft, change] as const;
}
