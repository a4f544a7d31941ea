// Browser side of /api/events. Framework-free so any client component (users table, user page) can use it.

export interface ChangeNotice {
  id: number;
  kind: string;
  userId: string | null;
}

/** "open" once connected, "reconnecting" while EventSource retries, "closed" when it gave up (e.g. 401). */
export type ChangeStreamStatus = "open" | "reconnecting" | "closed";

/**
 * Calls `onChange` for every change announced by the server (webhooks, resyncs). EventSource reconnects by
 * itself and sends Last-Event-ID, so changes during a short disconnect are replayed. Returns the unsubscribe.
 */
export function subscribeToChanges(
  onChange: (change: ChangeNotice) => void,
  url = "/api/events",
  onStatus?: (status: ChangeStreamStatus) => void,
): () => void {
  const source = new EventSource(url);
  if (onStatus) {
    source.onopen = () => onStatus("open");
    source.onerror = () => onStatus(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
  }
  const listener = (e: MessageEvent<string>) => {
    try {
      const data = JSON.parse(e.data) as { id: number; kind: string; user_id: string | null };
      onChange({ id: data.id, kind: data.kind, userId: data.user_id });
    } catch {
      // a malformed frame is ignored; the next one still arrives
    }
  };
  source.addEventListener("change", listener);
  return () => {
    source.removeEventListener("change", listener);
    source.close();
  };
}
