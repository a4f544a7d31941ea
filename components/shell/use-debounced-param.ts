"use client";
import { useEffect, useState } from "react";

const DEBOUNCE_MS = 300;

/** Keeps a text box in sync with one URL key, writing (debounced) only when the user pauses. */
export function useDebouncedParam(value: string, write: (v: string) => void, delayMs = DEBOUNCE_MS) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => write(draft), delayMs);
    return () => clearTimeout(t);
  }, [draft, value, write, delayMs]);
  return [draft, setDraft] as const;
}
