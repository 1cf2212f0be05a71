// One delivering engine per data folder: a lock file naming its holder (pid, what it is, since when); a lock left by a
// killed process is recognised as stale and taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  /** What holds it, in words: "faxdesk run", "faxdesk serve", "the faxdesk desktop app". */
  holder: string;
  startedAt: string;
  hostname: string;
  /** Linux: the process's start time in clock ticks (/proc/PID/stat field 22), so a reused pid is not taken for the holder. */
  procStart?: string;
}

/** Another engine holds the folder; the message names it. */
export class EngineLockedError extends Error {
  override name = 'EngineLockedError';
  constructor(
    readonly holder: LockInfo,
    dataDir: string,
  ) {
    super(
      `${holder.holder} (pid ${holder.pid}${holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`}, since ${holder.startedAt}) ` +
        `is already using the data folder ${dataDir}. Stop it first; read-only commands such as "faxdesk status" still work.`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'faxdesk.lock');
}

function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists on this machine (EPERM: it does, run by someone else). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Whether the process that wrote the lock still runs (a different machine's cannot be checked: taken as running). */
export function isHolderAlive(info: LockInfo): boolean {
  if (info.hostname !== os.hostname()) return true;
  if (!isProcessRunning(info.pid)) return false;
  const start = info.procStart === undefined ? undefined : processStart(info.pid);
  return start === undefined || start === info.procStart;
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

export class DataFolderLock {
  private released = false;

  private constructor(
    readonly file: string,
    readonly info: LockInfo,
  ) {}

  /** Takes the folder's lock or throws EngineLockedError naming the holder; a stale lock is taken over. */
  static acquire(dataDir: string, holder: string, onStale?: (stale: LockInfo | null) => void): DataFolderLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = lockPath(dataDir);
    const info: LockInfo = {
      pid: process.pid,
      holder,
      startedAt: new Date().toISOString(),
      hostname: os.hostname(),
      ...(processStart(process.pid) ? { procStart: processStart(process.pid) } : {}),
    };
    for (let round = 0; round < 5; round++) {
      try {
        fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
        return new DataFolderLock(file, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readLock(dataDir);
      if (current === null) {
        // Unreadable: a holder killed between creating and writing the file, or one writing it right now.
        const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < 2000) continue;
      } else if (isHolderAlive(current)) {
        throw new EngineLockedError(current, dataDir);
      }
      // Stale: move it aside under a name of our own (only one process can win that rename), then check we moved the
      // stale lock and not a fresh one another process wrote meanwhile.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        continue;
      }
      const moved = (() => {
        try {
          return JSON.parse(fs.readFileSync(aside, 'utf8')) as LockInfo;
        } catch {
          return null;
        }
      })();
      if (moved && isHolderAlive(moved)) {
        fs.renameSync(aside, file);
        throw new EngineLockedError(moved, dataDir);
      }
      fs.rmSync(aside, { force: true });
      onStale?.(current);
    }
    throw new Error(`The lock ${file} could not be taken; remove it if no faxdesk is running.`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = readLock(path.dirname(this.file));
    if (current?.pid === this.info.pid && current.startedAt === this.info.startedAt) fs.rmSync(this.file, { force: true });
  }
}
