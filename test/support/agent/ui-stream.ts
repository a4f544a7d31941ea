/** Reads a UI message stream response (SSE) into its JSON chunks. */
export async function readUIChunks(res: Response): Promise<Record<string, unknown>[]> {
  const text = await res.text();
  const chunks: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("data: ")) continue;
    const payload = line.slice(6).trim();
    if (payload === "[DONE]") continue;
    chunks.push(JSON.parse(payload) as Record<string, unknown>);
  }
  return chunks;
}

export function approvalIdsOf(chunks: Record<string, unknown>[]): string[] {
  return chunks.filter((c) => c.type === "tool-approval-request").map((c) => String(c.approvalId));
}
