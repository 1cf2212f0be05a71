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

/** How long an unreadable lock file is taken for one being written before it counts as stale. */
const UNREADABLE_GRACE_MS = 2000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Creates the lock file with its whole content, or returns false if one exists. The content goes to a file of our own
 * first and is then hard-linked into place, which fails with EEXIST like `wx` but never leaves an empty lock behind
 * when the process is killed half-way. Where the file system has no hard links, `wx` it is.
 */
function createLockFile(file: string, info: LockInfo): boolean {
  const own = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify(info);
  try {
    fs.writeFileSync(own, text);
    try {
      fs.linkSync(own, file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    } finally {
      fs.rmSync(own, { force: true });
    }
    fs.writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes what killed takers left beside the lock: their own temp files and stale locks they had moved aside. */
function removeLeftovers(dataDir: string): void {
  const base = path.basename(lockPath(dataDir));
  for (const name of fs.readdirSync(dataDir)) {
    const match = name.startsWith(`${base}.`) ? /^(?:(\d+)\.tmp|stale-(\d+))$/.exec(name.slice(base.length + 1)) : null;
    const pid = Number(match?.[1] ?? match?.[2]);
    if (match && pid !== process.pid && !isProcessRunning(pid)) fs.rmSync(path.join(dataDir, name), { force: true });
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
    // Bounded in time, not in rounds: a lock another process is writing right now is unreadable for a moment, and
    // giving up after a few instant retries turned that moment into a refused start.
    const deadline = Date.now() + UNREADABLE_GRACE_MS + 1000;
    while (Date.now() < deadline) {
      if (createLockFile(file, info)) {
        removeLeftovers(dataDir);
        return new DataFolderLock(file, info);
      }
      const current = readLock(dataDir);
      if (current === null) {
        // Unreadable: a holder killed while writing the file (only where hard links are not available), or one
        // writing it right now. Give a writer a moment; a file that stays unreadable is stale.
        const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < UNREADABLE_GRACE_MS) {
          sleepSync(25);
          continue;
        }
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
