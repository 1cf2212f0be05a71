// The inbox: takes what the fax line left in the spool folder, stores it in the fax library, routes it and hands
// the mail to the outbox. A file leaves the spool only once it is safely stored, or moved to rejected/ with a reason.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaxSummary, RejectedFile } from '../../../shared/contract';
import type { Route } from '../../../shared/prefs';
import type { Clock } from '../clock';
import { Emitter } from '../event';
import type { Logger } from '../logger';
import type { FaxRepository, FaxRow } from '../store/faxRepository';
import { toSummary } from '../store/faxRepository';
import { exists, moveFile, copyDurably, writeFileDurably } from './fileOps';
import { FaxFileError, inspectFaxFile } from './faxFile';
import { receivedFaxMail, sentNotificationMail } from './mailText';
import { routeFax } from './routing';
import { readReceivedSidecar, readSentReport, type ReceivedSidecar, type SentReport } from './sidecar';
import { isIgnoredName, rejectedNames, safeLibraryName } from './spoolNames';

export interface InboxMail {
  kind: 'received-fax' | 'sent-notification';
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; path: string; contentType?: string }>;
  faxId?: string;
  /** The message id, chosen here where it is recorded before the mail is queued (see MailQueue). */
  id?: string;
}

/** The outbox, as the inbox sees it. Given an id it already holds, enqueue returns that message and queues nothing. */
export interface MailQueue {
  enqueue(mail: InboxMail): Promise<{ id: string }>;
}

export interface InboxSettings {
  spoolDir: string;
  routes: Route[];
  deliverTo: string[];
  maxFileMegabytes: number;
  sentTo: string;
}

export interface FaxInboxDeps {
  dataDir: string;
  faxes: FaxRepository;
  mail: MailQueue;
  clock: Clock;
  logger: Logger;
  settings: () => InboxSettings;
  /** How long a sidecar may wait for its document before it is rejected. */
  orphanSidecarMs?: number;
  /** Files imported at once (default 4: the decoders use two cores; the rest waits on the disk). */
  importConcurrency?: number;
}

export type ImportOutcome =
  | { kind: 'imported'; fax: FaxSummary }
  | { kind: 'notified'; jobId: string; messageId: string }
  | { kind: 'duplicate'; of: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'waiting' }
  | { kind: 'skipped' };

const documentExtensions = new Set(['.pdf', '.tif', '.tiff']);
const mimeTypes = { pdf: 'application/pdf', tiff: 'image/tiff' } as const;

export class FaxInbox {
  private readonly importedEmitter = new Emitter<FaxSummary>();
  private readonly rejectedEmitter = new Emitter<RejectedFile>();
  /** A fax arrived in the library. */
  readonly onDidImport = this.importedEmitter.event;
  /** A spool file went to rejected/. */
  readonly onDidReject = this.rejectedEmitter.event;
  /** Paths being imported right now: the watcher and a rescan may both report the same file. */
  private readonly busy = new Map<string, Promise<ImportOutcome>>();
  private readonly orphanSince = new Map<string, number>();
  /** The last task of each key given to oneAtATime, settled or not. */
  private readonly inHand = new Map<string, Promise<void>>();

  constructor(private readonly deps: FaxInboxDeps) {}

  get spoolDir(): string {
    return this.deps.settings().spoolDir;
  }

  folders() {
    const spool = this.spoolDir;
    return {
      received: path.join(spool, 'received'),
      sent: path.join(spool, 'sent'),
      rejected: path.join(spool, 'rejected'),
      library: path.join(this.deps.dataDir, 'faxes'),
      reports: path.join(this.deps.dataDir, 'reports'),
    };
  }

  async ensureFolders(): Promise<void> {
    const folders = this.folders();
    await Promise.all([folders.received, folders.sent, folders.rejected].map((dir) => fs.mkdir(dir, { recursive: true })));
  }

  /**
   * Handles one spool file (from the watcher or a rescan); the same path twice at once is handled once. At most
   * `importConcurrency` files are worked on at a time: a thousand dropped at once queue up instead of all holding
   * their bytes in memory together.
   */
  handle(file: string): Promise<ImportOutcome> {
    const key = path.resolve(file);
    const running = this.busy.get(key);
    if (running) return running;
    const work = this.limit(() => this.handleOnce(key)).finally(() => this.busy.delete(key));
    this.busy.set(key, work);
    return work;
  }

  private active = 0;
  private readonly queue: Array<() => void> = [];

  private async limit<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= (this.deps.importConcurrency ?? 4)) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /**
   * Everything waiting in the spool right now (start-up, `run --until-idle`). A file whose size still changes
   * across `stableMs` is being written: it is left for the watcher, which takes it once it is complete.
   */
  async rescan(stableMs = 0): Promise<ImportOutcome[]> {
    await this.ensureFolders();
    const { received, sent } = this.folders();
    const names = async (dir: string) => (await fs.readdir(dir)).filter((name) => !isIgnoredName(name)).map((name) => path.join(dir, name));
    // Documents before sidecars, so a sidecar whose document is also waiting is taken along with it.
    let files = [...(await names(received)), ...(await names(sent))].sort(
      (a, b) => Number(a.endsWith('.json')) - Number(b.endsWith('.json')) || a.localeCompare(b),
    );
    if (stableMs > 0 && files.length > 0) {
      const sizes = async () => Promise.all(files.map((file) => fs.lstat(file).then((stat) => stat.size, () => -1)));
      const before = await sizes();
      // Real time, not the engine's clock: this waits on the disk, not on a schedule.
      await delay(stableMs);
      const after = await sizes();
      files = files.filter((_, index) => before[index] === after[index] && after[index] !== -1);
    }
    const outcomes: ImportOutcome[] = [];
    for (const file of files) outcomes.push(await this.handle(file));
    return outcomes;
  }

  /** Imports one file given on the command line, with the details a sidecar would give. */
  async importFile(file: string, details: ReceivedSidecar): Promise<ImportOutcome> {
    return this.importDocument(path.resolve(file), details, { spoolKind: 'import', removeSource: false, sidecar: undefined });
  }

  /**
   * Finishes what a stopped process left between the record and the mail: a fax still `pending` gets its mail unless
   * the outbox holds one for it already (the stop came after the enqueue, before the mark), and a sent report recorded
   * with the id of a notification the outbox does not hold gets that notification.
   */
  async finishInterrupted(): Promise<number> {
    const pending = this.deps.faxes.pendingMail();
    for (const fax of pending) {
      if (fax.messageIds.length > 0) this.deps.faxes.markMailQueued(fax.id);
      else await this.queueFaxMail(fax);
    }
    const reports = this.deps.faxes.sentReportsAwaitingMail();
    for (const entry of reports) {
      const parsed = await readSentReport(path.join(this.deps.dataDir, entry.libraryPath));
      if (!parsed.ok) {
        this.deps.logger.log('error', { component: 'inbox', jobId: entry.jobId, file: entry.libraryPath, reason: parsed.reason }, 'a recorded sent report cannot be read again');
        continue;
      }
      await this.queueSentMail(parsed.value, entry.notify, entry.messageId);
    }
    return pending.length + reports.length;
  }

  private async handleOnce(file: string): Promise<ImportOutcome> {
    const name = path.basename(file);
    if (isIgnoredName(name) || !(await exists(file))) return { kind: 'skipped' };
    const { received, sent } = this.folders();
    const dir = path.dirname(file);
    const ext = path.extname(name).toLowerCase();
    try {
      if (dir === path.resolve(sent)) {
        if (ext !== '.json') return await this.reject(file, 'sent', 'Only sent-fax reports (NAME.json) belong in sent/.');
        return await this.importSentReport(file);
      }
      if (dir !== path.resolve(received)) return { kind: 'skipped' };
      if (ext === '.json') return await this.checkSidecar(file);
      if (!documentExtensions.has(ext)) {
        return await this.reject(file, 'received', `"${ext || name}" is not a fax file type: faxdesk imports .pdf, .tif and .tiff files.`);
      }
      const sidecarPath = path.join(dir, `${path.basename(name, path.extname(name))}.json`);
      let details: ReceivedSidecar = {};
      let sidecar: string | undefined;
      if (await exists(sidecarPath)) {
        sidecar = sidecarPath;
        const parsed = await readReceivedSidecar(sidecarPath);
        if (!parsed.ok) {
          // The details decide who gets the fax: without trustworthy ones it must not be guessed. Both wait in
          // rejected/ for a person, nothing is lost. The document goes first: were the sidecar to go and the document
          // fail to move, the next try would import the document without its details.
          const outcome = await this.reject(file, 'received', `Its details file ${path.basename(sidecarPath)} was refused: ${parsed.reason}`);
          await this.reject(sidecarPath, 'received', parsed.reason);
          return outcome;
        }
        details = parsed.value;
      }
      return await this.importDocument(file, details, { spoolKind: 'received', removeSource: true, sidecar });
    } catch (error) {
      // The engine never stops on input: anything unexpected (a file that cannot be read, or moved to rejected/) is
      // logged and the file stays for the next scan.
      this.deps.logger.log('error', { component: 'inbox', file: name, error: String(error) }, 'import failed; the file stays in the spool');
      return { kind: 'skipped' };
    }
  }

  private async checkSidecar(file: string): Promise<ImportOutcome> {
    const dir = path.dirname(file);
    const stem = path.basename(file, '.json');
    for (const ext of documentExtensions) {
      for (const variant of [ext, ext.toUpperCase()]) {
        if (await exists(path.join(dir, stem + variant))) return { kind: 'waiting' };
      }
    }
    const now = this.deps.clock.now();
    const since = this.orphanSince.get(file) ?? now;
    this.orphanSince.set(file, since);
    const wait = this.deps.orphanSidecarMs ?? 10 * 60_000;
    if (now - since < wait) {
      this.deps.clock.setTimeout(() => void this.handle(file), wait - (now - since) + 10);
      return { kind: 'waiting' };
    }
    this.orphanSince.delete(file);
    return this.reject(file, 'received', `No fax document (${stem}.pdf or .tif) arrived with this details file within ${Math.round(wait / 60_000) || 1} minutes.`);
  }

  private async importDocument(
    file: string,
    details: ReceivedSidecar,
    options: { spoolKind: 'received' | 'import'; removeSource: boolean; sidecar: string | undefined },
  ): Promise<ImportOutcome> {
    const settings = this.deps.settings();
    let info;
    try {
      info = await inspectFaxFile(file, { maxBytes: settings.maxFileMegabytes * 1024 * 1024, clock: this.deps.clock });
    } catch (error) {
      if (!(error instanceof FaxFileError)) throw error;
      const reason = error.message;
      if (!options.removeSource) return { kind: 'rejected', reason };
      if (options.sidecar) await this.reject(options.sidecar, 'received', `Its fax ${path.basename(file)} was refused: ${reason}`);
      return this.reject(file, options.spoolKind, reason);
    }

    const known = this.deps.faxes.findBySha256(info.sha256);
    if (known) return this.duplicate(file, known, info.sha256, options);

    const now = new Date(this.deps.clock.now());
    const stat = await fs.stat(file);
    const receivedAt = details.receivedAt ? new Date(details.receivedAt).toISOString() : stat.mtime.toISOString();
    const id = crypto.randomUUID();
    const originalName = path.basename(file);
    const extension = info.format === 'pdf' ? '.pdf' : '.tif';
    const stem = safeLibraryName(originalName).replace(/\.(pdf|tiff?)$/i, '');
    const libraryRelative = path.posix.join('faxes', receivedAt.slice(0, 4), receivedAt.slice(5, 7), `${id.slice(0, 8)} ${stem}${extension}`);
    const libraryFile = path.join(this.deps.dataDir, libraryRelative);
    await copyDurably(file, libraryFile);
    // The same bytes under another name may have been stored while this copy was made (both dropped at once). Looked
    // up again with no await before the insert, exactly one of them is recorded and the other is the duplicate it is.
    const storedMeanwhile = this.deps.faxes.findBySha256(info.sha256);
    if (storedMeanwhile) {
      await fs.rm(libraryFile, { force: true });
      return this.duplicate(file, storedMeanwhile, info.sha256, options);
    }

    const route = routeFax({ from: details.from, to: details.to, csid: details.csid }, settings.routes, settings.deliverTo);
    this.deps.faxes.insert({
      id,
      sha256: info.sha256,
      receivedAt,
      importedAt: now.toISOString(),
      from: details.from ?? null,
      to: details.to ?? null,
      csid: details.csid ?? null,
      pages: info.pages,
      format: info.format,
      originalName,
      libraryPath: libraryRelative,
      sizeBytes: info.bytes,
      resolution: info.resolution ?? null,
      compression: info.compression ?? null,
      deliverTo: route.deliverTo,
      routeRule: route.rule,
      mailState: route.deliverTo.length > 0 ? 'pending' : 'not-routed',
    });
    // Only now, with the fax stored and recorded, may the spool copy go.
    if (options.removeSource) {
      await fs.rm(file, { force: true });
      if (options.sidecar) await fs.rm(options.sidecar, { force: true });
    }
    const fax = this.deps.faxes.get(id)!;
    if (route.deliverTo.length > 0) await this.queueFaxMail(fax);
    else this.deps.logger.log('warn', { component: 'inbox', faxId: id }, 'fax kept but not routed: set inbox.deliverTo or a routing rule');
    const summary = toSummary(this.deps.faxes.get(id)!);
    this.deps.logger.log('info', { component: 'inbox', faxId: id, pages: info.pages, format: info.format, routeRule: route.rule }, 'fax imported');
    this.importedEmitter.fire(summary);
    return { kind: 'imported', fax: summary };
  }

  /**
   * The library already holds these exact bytes (the same fax dropped twice, or a restart after the import committed
   * but before the spool copy was removed): keep one fax, and keep this copy in rejected/ with why.
   */
  private async duplicate(file: string, known: FaxRow, sha256: string, options: { removeSource: boolean; sidecar: string | undefined }): Promise<ImportOutcome> {
    if (!options.removeSource) return { kind: 'duplicate', of: known.id };
    if (known.originalName === path.basename(file)) {
      await fs.rm(file, { force: true });
      if (options.sidecar) await fs.rm(options.sidecar, { force: true });
      return { kind: 'duplicate', of: known.id };
    }
    if (options.sidecar) await this.reject(options.sidecar, 'received', `Its fax was already imported as fax ${known.id}.`);
    await this.reject(file, 'received', `The same fax (SHA-256 ${sha256.slice(0, 12)}…) was already imported on ${known.receivedAt} as fax ${known.id}; this copy was not imported again.`);
    return { kind: 'duplicate', of: known.id };
  }

  private async queueFaxMail(fax: FaxRow): Promise<void> {
    const mail = receivedFaxMail({
      from: fax.from ?? undefined,
      to: fax.to ?? undefined,
      csid: fax.csid ?? undefined,
      receivedAt: fax.receivedAt,
      pages: fax.pages,
      fileName: fax.fileName,
    });
    const queued = await this.deps.mail.enqueue({
      kind: 'received-fax',
      to: fax.deliverTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: [{ filename: mail.attachmentName, path: path.join(this.deps.dataDir, fax.libraryPath), contentType: mimeTypes[fax.format] }],
      faxId: fax.id,
    });
    this.deps.faxes.markMailQueued(fax.id);
    this.deps.logger.log('info', { component: 'inbox', faxId: fax.id, messageId: queued.id }, 'fax mail queued');
  }

  private async importSentReport(file: string): Promise<ImportOutcome> {
    const parsed = await readSentReport(file);
    if (!parsed.ok) return this.reject(file, 'sent', parsed.reason);
    const report = parsed.value;
    // Two copies of one report handled at once would both pass the check below before either is recorded (the mail
    // is queued in between): one at a time per job and status, so the second finds the first recorded.
    return this.oneAtATime(JSON.stringify(['sent-report', report.jobId, report.status]), () => this.notifySent(file, report));
  }

  private async notifySent(file: string, report: SentReport): Promise<ImportOutcome> {
    if (this.deps.faxes.sentReportSeen(report.jobId, report.status)) {
      // The same job and status was notified already: a re-delivered report must not tell the person twice.
      await fs.rm(file, { force: true });
      return { kind: 'duplicate', of: `${report.jobId}/${report.status}` };
    }
    const notify = report.notify ?? this.deps.settings().sentTo;
    if (!notify) {
      return this.reject(file, 'sent', 'The report names no one to notify ("notify") and notifications.sentTo is not set: set it in Preferences and drop the report again.');
    }
    const importedAt = new Date(this.deps.clock.now()).toISOString();
    const stored = path.posix.join('reports', importedAt.slice(0, 7), `${crypto.randomUUID().slice(0, 8)} ${safeLibraryName(path.basename(file))}`);
    await copyDurably(file, path.join(this.deps.dataDir, stored));
    // Recorded first, with the id its notification will have: a stop before the mail is queued is finished at the next
    // start (finishInterrupted), and one after it finds the mail there. Either way the person is told once.
    const messageId = crypto.randomUUID();
    this.deps.faxes.recordSentReport({ jobId: report.jobId, status: report.status, importedAt, notify, messageId, libraryPath: stored });
    try {
      await this.queueSentMail(report, notify, messageId);
    } catch (error) {
      // Not queued (the outbox refused it or could not store it): the report is not seen yet, and stays for a later try.
      this.deps.faxes.forgetSentReport(report.jobId, report.status);
      throw error;
    }
    await fs.rm(file, { force: true });
    return { kind: 'notified', jobId: report.jobId, messageId };
  }

  private async queueSentMail(report: SentReport, notify: string, messageId: string): Promise<void> {
    const mail = sentNotificationMail(report);
    await this.deps.mail.enqueue({ id: messageId, kind: 'sent-notification', to: [notify], subject: mail.subject, text: mail.text, html: mail.html });
    this.deps.logger.log('info', { component: 'inbox', jobId: report.jobId, status: report.status, messageId }, 'sent-fax notification queued');
  }

  /** Runs task once every earlier task given the same key has settled. */
  private async oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.inHand.get(key) ?? Promise.resolve()).then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.inHand.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.inHand.get(key) === settled) this.inHand.delete(key);
    }
  }

  /** Moves a spool file to rejected/ with NAME.error.txt beside it, records it, and tells the window. */
  private async reject(file: string, spoolKind: 'received' | 'sent' | 'import', reason: string): Promise<ImportOutcome> {
    const { rejected } = this.folders();
    const name = path.basename(file);
    let movedTo: string | null = null;
    for (let attempt = 1; attempt < 1000 && movedTo === null; attempt++) {
      const names = rejectedNames(name, attempt);
      if (await exists(path.join(rejected, names.file))) continue;
      const errorFile = path.join(rejected, names.errorFile);
      await writeFileDurably(errorFile, `${name}\n${new Date(this.deps.clock.now()).toISOString()}\n\n${reason}\n`);
      // A reason without its file would tell a person about a file that is not there.
      await moveFile(file, path.join(rejected, names.file)).catch(async (error: unknown) => {
        await fs.rm(errorFile, { force: true });
        throw error;
      });
      movedTo = names.file;
    }
    const entry: RejectedFile = { fileName: name, reason, rejectedAt: new Date(this.deps.clock.now()).toISOString() };
    this.deps.faxes.recordRejected({ ...entry, spoolKind, movedTo });
    this.deps.logger.log('warn', { component: 'inbox', file: name, reason }, 'spool file rejected');
    this.rejectedEmitter.fire(entry);
    return { kind: 'rejected', reason };
  }
}

