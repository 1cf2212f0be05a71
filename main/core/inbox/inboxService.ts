// The inbox as the engine runs it: the importer, the spool watcher and the fax library's change events together.
import path from 'node:path';
import type { FaxSummary, MessageSummary } from '../../../shared/contract';
import type { Clock } from '../clock';
import { Emitter } from '../event';
import type { Logger } from '../logger';
import type { Preferences } from '../prefs/preferences';
import { FaxRepository, toSummary } from '../store/faxRepository';
import type { Db } from '../store/database';
import { FaxInbox, type MailQueue } from './faxInbox';
import { SpoolWatcher } from './spoolWatcher';

export interface FaxesChange {
  changed: FaxSummary[];
  unread: number;
}

export interface InboxServiceDeps {
  dataDir: string;
  db: Db;
  prefs: Preferences;
  mail: MailQueue;
  clock: Clock;
  logger: Logger;
  /** How long a spool file's size must stay the same before it is taken. */
  stableMs?: number;
}

export class InboxService {
  readonly faxes: FaxRepository;
  readonly importer: FaxInbox;
  private readonly changeEmitter = new Emitter<FaxesChange>();
  /** Faxes that arrived or whose read or delivery state changed. */
  readonly onDidChangeFaxes = this.changeEmitter.event;
  private watcher: SpoolWatcher | undefined;
  private watchedSpool: string | undefined;
  private scanning: Promise<unknown> = Promise.resolve();
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly deps: InboxServiceDeps) {
    this.faxes = new FaxRepository(deps.db);
    const { prefs, dataDir } = deps;
    this.importer = new FaxInbox({
      dataDir,
      faxes: this.faxes,
      mail: deps.mail,
      clock: deps.clock,
      logger: deps.logger,
      settings: () => ({
        spoolDir: prefs.get('spool.dir') || path.join(dataDir, 'spool'),
        routes: prefs.get('inbox.routes'),
        deliverTo: prefs.get('inbox.deliverTo'),
        maxFileMegabytes: prefs.get('inbox.maxFileMegabytes'),
        sentTo: prefs.get('notifications.sentTo'),
      }),
    });
    this.disposers.push(this.importer.onDidImport((fax) => this.fire([fax])));
  }

  /** Finishes imports a crash interrupted, watches the spool, and takes what arrived while faxdesk was closed. */
  async start(): Promise<void> {
    await this.importer.finishInterrupted();
    await this.watchSpool();
    this.disposers.push(
      this.deps.prefs.onDidChange(({ keys }) => {
        if (keys.includes('spool.dir')) void this.watchSpool();
      }),
    );
  }

  /** Resolves when the spool has been scanned once more (for `faxdesk run --until-idle`). */
  async importWaiting(): Promise<void> {
    await this.scanning;
    await this.importer.rescan();
  }

  async stop(): Promise<void> {
    this.disposers.splice(0).forEach((dispose) => dispose());
    await this.watcher?.stop();
    this.watcher = undefined;
    await this.scanning.catch(() => undefined);
  }

  /** The outbox changed some messages: faxes whose mail they are show a new delivery state. */
  messagesChanged(messages: MessageSummary[]): void {
    const faxIds = [...new Set(messages.flatMap((message) => (message.faxId ? [message.faxId] : [])))];
    const changed = faxIds.flatMap((id) => {
      const fax = this.faxes.get(id);
      return fax ? [toSummary(fax)] : [];
    });
    if (changed.length > 0) this.fire(changed);
  }

  setRead(id: string, read: boolean): FaxSummary | undefined {
    if (!this.faxes.setRead(id, read)) return undefined;
    const summary = toSummary(this.faxes.get(id)!);
    this.fire([summary]);
    return summary;
  }

  private fire(changed: FaxSummary[]): void {
    this.changeEmitter.fire({ changed, unread: this.faxes.unreadCount() });
  }

  private async watchSpool(): Promise<void> {
    const spool = this.importer.spoolDir;
    if (spool === this.watchedSpool) return;
    await this.watcher?.stop();
    await this.importer.ensureFolders();
    const folders = this.importer.folders();
    this.watcher = new SpoolWatcher({
      folders: [folders.received, folders.sent],
      stableMs: this.deps.stableMs ?? 1000,
      logger: this.deps.logger,
      onFile: (file) => void this.importer.handle(file),
    });
    this.watchedSpool = spool;
    await this.watcher.start();
    // In the background: a start-up with a thousand waiting faxes must not hold up the window or deliveries.
    this.scanning = this.importer.rescan(this.deps.stableMs ?? 1000).catch((error: unknown) => {
      this.deps.logger.log('error', { component: 'inbox', error: String(error) }, 'spool scan failed');
    });
  }
}
