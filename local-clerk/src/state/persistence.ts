import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { join } from "node:path";
import { ADMIN_SNAPSHOT_KEYS } from "./admin-types";
import { ORGANIZATION_SNAPSHOT_KEYS } from "./organization-types";
import type { State } from "./store";
import type { StateSnapshot } from "./types";

const FILE = "state.json";

export function loadSnapshot(dataDir: string): StateSnapshot | undefined {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as StateSnapshot;
  if (parsed.version !== 1 || !Array.isArray(parsed.users)) {
    throw new Error(`Local Clerk: ${file} is not a state snapshot this version understands; use --reset.`);
  }
  return parsed;
}

/** Temp file + rename, so a crash mid-write never leaves a truncated state file. */
export function writeSnapshot(dataDir: string, snapshot: StateSnapshot): void {
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, join(dataDir, FILE));
}

export function wipeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

const CHUNK = 2_000;

/**
 * Same file format as writeSnapshot, serialized in chunks that yield to the event loop, so a
 * 100k-user state never blocks requests for seconds. Records are replaced, never mutated, so
 * the arrays taken at the start are a consistent point-in-time view.
 */
export async function writeSnapshotAsync(dataDir: string, snapshot: StateSnapshot): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const tmp = join(dataDir, `${FILE}.${process.pid}.async.tmp`);
  const fh = await open(tmp, "w");
  try {
    await fh.write('{"version":1');
    for (const key of [
      "users",
      "invitations",
      "clients",
      "sessions",
      ...ORGANIZATION_SNAPSHOT_KEYS,
      "access_identifiers",
      "instance_restrictions",
      "sign_in_tickets",
      ...ADMIN_SNAPSHOT_KEYS,
    ] as const) {
      const items: unknown[] = snapshot[key] ?? [];
      await fh.write(`,"${key}":[`);
      for (let i = 0; i < items.length; i += CHUNK) {
        const part = items
          .slice(i, i + CHUNK)
          .map((x) => JSON.stringify(x))
          .join(",");
        await fh.write(i === 0 ? part : `,${part}`);
        await new Promise((r) => setImmediate(r));
      }
      await fh.write("]");
    }
    await fh.write("}");
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dataDir, FILE));
}

/** Debounced snapshot writer: async chunked writes while running, one synchronous flush on stop. */
export class Persister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private written: number;
  private readonly onChange = () => this.schedule();

  constructor(
    private readonly state: State,
    private readonly dataDir: string,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.written = state.revision;
    state.events.on("change", this.onChange);
    state.events.on("dirty", this.onChange);
  }

  private schedule(): void {
    if (this.timer) return;
    // Big states are expensive to serialize: batch more writes per snapshot.
    const delay = this.state.users.size > 20_000 ? 2_000 : 250;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.writing) {
        this.schedule();
        return;
      }
      const revision = this.state.revision;
      if (revision === this.written) return;
      this.writing = writeSnapshotAsync(this.dataDir, this.state.snapshot())
        .then(() => {
          this.written = Math.max(this.written, revision);
        })
        .catch((err: unknown) =>
          this.log(`could not save state: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => {
          this.writing = undefined;
        });
    }, delay);
    this.timer.unref();
  }

  /** Synchronous write of the current state if anything changed since the last write. */
  flush(force = false): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!force && this.state.revision === this.written) return;
    const revision = this.state.revision;
    writeSnapshot(this.dataDir, this.state.snapshot());
    this.written = revision;
  }

  async stop(): Promise<void> {
    this.state.events.off("change", this.onChange);
    this.state.events.off("dirty", this.onChange);
    await this.writing;
    this.flush();
  }
}
