// Watches the spool's received/ and sent/ folders and reports each file once its size has stopped changing.
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../logger';
import { isIgnoredName } from './spoolNames';

export interface SpoolWatcherOptions {
  folders: string[];
  /** How long a file's size must stay the same before it is taken (the fax line may still be writing). */
  stableMs?: number;
  logger: Logger;
  onFile(file: string): void;
}

export class SpoolWatcher {
  private watcher: FSWatcher | undefined;

  constructor(private readonly options: SpoolWatcherOptions) {}

  /** Resolves once the watcher is ready; files already there are left to the caller's rescan. */
  start(): Promise<void> {
    const stableMs = this.options.stableMs ?? 1000;
    const watcher = watch(this.options.folders, {
      ignoreInitial: true,
      depth: 0,
      // A link in the spool is never followed; the importer moves the link itself to rejected/.
      followSymlinks: false,
      ignored: (file) => !this.options.folders.includes(file) && isIgnoredName(path.basename(file)),
      awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(50, Math.floor(stableMs / 5)) },
    });
    this.watcher = watcher;
    watcher.on('add', (file) => this.options.onFile(file));
    // A temporary name renamed to its final one arrives as 'add'; a rewritten file as 'change'.
    watcher.on('change', (file) => this.options.onFile(file));
    watcher.on('error', (error) => this.options.logger.log('error', { component: 'inbox', error: String(error) }, 'spool watcher error'));
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  async stop(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }
}
