// Coalesced fsyncs off the main thread: callers that arrive while a sync runs share the next one, and each returns only
// once a sync that started after its own write has finished.
import fsp from 'node:fs/promises';

export class CoalescedSync {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => (this.running = undefined));
      return this.running;
    }
    // The running sync may have started before the caller's write: wait for one that starts after it, whether the
    // running one succeeds or fails (its failure is its own callers' to see, not a reason to skip the next sync).
    const startNext = () => {
      this.next = undefined;
      return this.sync();
    };
    this.next ??= this.running.then(startNext, startNext);
    return this.next;
  }
}

/** fsync of a file or folder by path (a folder: so a rename in it survives a power cut). */
export async function fsyncPath(file: string, ignoreErrors = false): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    await handle.sync();
  } catch (error) {
    // Some file systems (and Windows) cannot fsync a folder.
    if (!ignoreErrors) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * fsync of one file through a descriptor kept open: one trip to the thread pool per sync instead of three (open, sync,
 * close). For a file that keeps its inode while the owner runs, such as SQLite's WAL while the database is open.
 */
export class OpenFileSync {
  private handle: Promise<fsp.FileHandle> | undefined;

  constructor(private readonly file: string) {}

  async sync(): Promise<void> {
    this.handle ??= fsp.open(this.file, 'r');
    try {
      await (await this.handle).sync();
    } catch (error) {
      // Opened again next time: a failed descriptor is not trusted with later syncs.
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.then((h) => h.close()).catch(() => undefined);
  }
}
