import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

/** Debounced snapshot writer; `flush()` writes synchronously if anything changed. */
export class Persister {
  private timer: NodeJS.Timeout | undefined;
  private written: number;
  private readonly onChange = () => this.schedule();

  constructor(
    private readonly state: State,
    private readonly dataDir: string,
    private readonly delayMs = 250,
  ) {
    this.written = state.revision;
    state.events.on("change", this.onChange);
    state.events.on("dirty", this.onChange);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.state.revision === this.written) return;
    const revision = this.state.revision;
    writeSnapshot(this.dataDir, this.state.snapshot());
    this.written = revision;
  }

  stop(): void {
    this.flush();
    this.state.events.off("change", this.onChange);
    this.state.events.off("dirty", this.onChange);
  }
}
