// Builds the whole engine from a data folder; the desktop app, the CLI and the browser mode all start it here.
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, EngineState } from '../../shared/contract';
import { systemClock, type Clock } from './clock';
import { DataFolderLock, isProcessRunning } from './dataLock';
import { Emitter } from './event';
import { InboxService } from './inbox/inboxService';
import { silentLogger, type Logger } from './logger';
import { MessageComposer } from './outbox/compose';
import { deliveryTarget, type TargetState } from './outbox/deliveryTarget';
import type { DeliveryAgentPort } from './outbox/deliveryPort';
import { OutboxQueue, type OutboxActivity } from './outbox/outboxQueue';
import { openConfBackend } from './prefs/confBackend';
import { Preferences } from './prefs/preferences';
import type { ConfLike, SecretBox } from './prefs/types';
import { DeliveryAgent } from './smtp/deliveryAgent';
import { diagnose, type DiagnoseReport } from './smtp/diagnose';
import { LocalMailbox } from './smtp/localMailbox';
import { databasePath, openDatabase, type Db } from './store/database';
import { MessageRepository } from './store/messageRepository';
import { appVersion } from './version';

export interface EngineOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** electron-store in the desktop app; headless: conf writing config.json in the data folder. */
  prefsBackend?: ConfLike;
  /** Encrypts the SMTP password (safeStorage in the app). */
  secretBox?: SecretBox;
  /** For FAXDESK_SMTP_PASSWORD; process.env by default. */
  env?: Record<string, string | undefined>;
  /**
   * 'deliver' (default): takes the folder's lock, runs the local mailbox and delivers. 'client': reads and changes the
   * store without delivering (`faxdesk status`, `send`, `retry`), so it works beside a running engine.
   */
  role?: 'deliver' | 'client';
  /** What holds the lock, named to whoever is refused: "faxdesk run", "the faxdesk desktop app". */
  holder?: string;
  agent?: DeliveryAgentPort;
  /** How long a spool file's size must stay the same before the inbox takes it (ms; default 1000). */
  spoolStableMs?: number;
  /** How often a delivering engine looks for messages other processes added (ms). */
  pollMs?: number;
}

export class Engine {
  private readonly stateEmitter = new Emitter<EngineState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private current: EngineState;
  readonly clock: Clock;
  readonly logger: Logger;
  private db: Db | undefined;
  private lock: DataFolderLock | undefined;
  private backendToClose: { close(): void } | undefined;
  private mailboxInstance: LocalMailbox | undefined;
  private readonly target: TargetState;
  private services: { prefs: Preferences; messages: MessageRepository; outbox: OutboxQueue; inbox: InboxService } | undefined;
  private readonly disposers: Array<() => void> = [];

  constructor(
    readonly dataDir: string,
    private readonly options: Omit<EngineOptions, 'dataDir'> = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.current = this.makeState('starting', 'Starting');
    this.target = { localPort: undefined, deliverHere: (options.role ?? 'deliver') === 'deliver' };
  }

  get state(): EngineState {
    return this.current;
  }

  get prefs(): Preferences {
    return this.ready().prefs;
  }

  /** The history and its paging (the window's messages:list, the inbox's lookups). */
  get messages(): MessageRepository {
    return this.ready().messages;
  }

  /** The queue: `engine.outbox.enqueue({ kind, to, subject, text, attachments, faxId })`. */
  get outbox(): OutboxQueue {
    return this.ready().outbox;
  }

  /** The fax library and the spool importer. */
  get inbox(): InboxService {
    return this.ready().inbox;
  }

  get mailbox(): LocalMailbox | undefined {
    return this.mailboxInstance;
  }

  get mailboxDir(): string {
    return path.join(this.dataDir, 'mailbox');
  }

  get delivers(): boolean {
    return this.target.deliverHere;
  }

  /** Checks the configured server without sending a message (greeting, TLS, AUTH, the QUIT reply). */
  async diagnose(): Promise<DiagnoseReport> {
    const target = deliveryTarget(this.prefs, this.target);
    if (!target.ok) throw new Error(target.reason);
    if (target.local && this.target.localPort === undefined) {
      throw new Error("smtp.host is 'local': the built-in mailbox runs inside 'faxdesk run' or 'faxdesk serve'; set smtp.host to check a server.");
    }
    return diagnose(target.settings, { clock: this.clock, logger: this.logger });
  }

  info(): AppInfo {
    return { name: 'faxdesk', version: appVersion, dataDir: this.dataDir, engine: this.current };
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    if (this.delivers) {
      this.lock = DataFolderLock.acquire(this.dataDir, this.options.holder ?? 'faxdesk', (stale) =>
        this.logger.log('warn', { component: 'engine', stalePid: stale?.pid }, 'took over the lock of a faxdesk that stopped without releasing it'),
      );
    }
    try {
      this.db = openDatabase(databasePath(this.dataDir));
      const backend = this.options.prefsBackend ?? openConfBackend(this.dataDir, { watch: this.delivers });
      if (!this.options.prefsBackend) this.backendToClose = backend as ConfLike & { close(): void };
      const prefs = new Preferences(backend, { secretBox: this.options.secretBox, env: this.options.env ?? process.env, logger: this.logger });
      const messages = new MessageRepository(this.db);
      const outbox = new OutboxQueue({
        repository: messages,
        composer: new MessageComposer(path.join(this.dataDir, 'outbox'), this.clock),
        clock: this.clock,
        logger: this.logger,
        prefs,
        agent: this.options.agent ?? new DeliveryAgent({ clock: this.clock, logger: this.logger }),
        target: () => deliveryTarget(prefs, this.target),
        dataDir: this.dataDir,
        secrets: () => [prefs.password()],
        pollMs: this.options.pollMs,
      });
      const inbox = new InboxService({
        dataDir: this.dataDir,
        db: this.db,
        prefs,
        mail: outbox,
        clock: this.clock,
        logger: this.logger,
        stableMs: this.options.spoolStableMs,
      });
      this.services = { prefs, messages, outbox, inbox };
      this.disposers.push(outbox.onDidChangeMessages(({ changed }) => inbox.messagesChanged(changed)));
      if (this.delivers) {
        removeStrayTempFiles(path.join(this.dataDir, 'outbox'));
        this.disposers.push(outbox.onDidChangeActivity((activity) => this.reportActivity(activity)));
        this.disposers.push(prefs.onDidChange(({ keys }) => keys.includes('smtp.host') && void this.syncMailbox()));
        await this.syncMailbox();
        outbox.start();
        await inbox.start();
      }
    } catch (error) {
      this.lock?.release();
      throw error;
    }
    this.reportActivity(this.outbox.activity());
    this.logger.log('info', { component: 'engine', dataDir: this.dataDir, role: this.delivers ? 'deliver' : 'client' }, 'engine started');
  }

  async stop(): Promise<void> {
    if (this.current.status === 'stopped') return;
    this.setState('stopping', 'Stopping');
    this.disposers.splice(0).forEach((dispose) => dispose());
    await this.services?.inbox.stop();
    await this.services?.outbox.stop();
    await this.mailboxInstance?.stop();
    this.mailboxInstance = undefined;
    this.services?.prefs.dispose();
    this.backendToClose?.close();
    await this.services?.messages.close();
    this.db?.close();
    this.lock?.release();
    this.setState('stopped', 'Stopped');
  }

  /** Reports a change of the engine's state to every window. */
  setState(status: EngineState['status'], detail: string, extra: Partial<Pick<EngineState, 'delivering' | 'nextRetryAt' | 'target' | 'unreachable'>> = {}): void {
    this.current = { ...this.makeState(status, detail), ...extra };
    this.stateEmitter.fire(this.current);
  }

  private ready() {
    if (!this.services) throw new Error('The engine has not started.');
    return this.services;
  }

  /** smtp.host = 'local' runs the built-in mailbox on 127.0.0.1 (storing under mailbox/); any other host stops it. */
  private async syncMailbox(): Promise<void> {
    const wanted = this.prefs.get('smtp.host') === 'local';
    if (wanted && !this.mailboxInstance) {
      const mailbox = new LocalMailbox({ dir: this.mailboxDir, logger: this.logger });
      this.mailboxInstance = mailbox;
      try {
        this.target.localPort = (await mailbox.start()).port;
        this.target.localError = undefined;
      } catch (error) {
        this.mailboxInstance = undefined;
        this.target.localError = (error as Error).message;
        this.logger.log('error', { component: 'engine', error: String(error) }, 'the local mailbox could not start');
      }
    } else if (!wanted && this.mailboxInstance) {
      const mailbox = this.mailboxInstance;
      this.mailboxInstance = undefined;
      this.target.localPort = undefined;
      await mailbox.stop();
    }
    this.services?.outbox.refresh();
  }

  private reportActivity(activity: OutboxActivity): void {
    if (this.current.status === 'stopping' || this.current.status === 'stopped') return;
    this.setState(activity.blocked ? 'error' : 'running', describeActivity(activity), {
      delivering: activity.delivering,
      nextRetryAt: activity.nextRetryAt,
      target: activity.target,
      unreachable: activity.unreachable,
    });
  }

  private makeState(status: EngineState['status'], detail: string): EngineState {
    return { status, detail, since: new Date(this.clock.now()).toISOString(), delivering: 0, nextRetryAt: null, unreachable: null, target: null };
  }
}

/** The engine's activity in one sentence, for the log and the status bar's detail (times in UTC). */
function describeActivity(activity: OutboxActivity): string {
  if (activity.blocked) return activity.blocked;
  if (activity.delivering > 0) {
    return `Delivering ${activity.delivering} message${activity.delivering === 1 ? '' : 's'} to ${activity.target?.label ?? 'the server'}`;
  }
  const retryAt = activity.nextRetryAt?.slice(11, 16);
  if (activity.unreachable) return `Server unreachable: ${activity.unreachable}${retryAt ? `; next retry at ${retryAt} UTC` : ''}`;
  return retryAt ? `Next retry at ${retryAt} UTC` : 'Ready';
}

/** Temp files of compositions a killed process left (never in the store: the rename comes first); a live one's stay. */
function removeStrayTempFiles(dir: string): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const pid = /^\..*\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid === undefined || isProcessRunning(Number(pid))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

export function resolveDataDir(dir: string): string {
  return path.resolve(dir);
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const engine = new Engine(resolveDataDir(options.dataDir), options);
  await engine.start();
  return engine;
}
