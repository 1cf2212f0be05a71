// Builds the whole engine from a data folder; the desktop app, the CLI and the browser mode all start it here.
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, EngineState } from '../../shared/contract';
import { systemClock, type Clock } from './clock';
import { Emitter } from './event';
import { silentLogger, type Logger } from './logger';
import type { ConfLike, SecretBox } from './prefs/types';
import { appVersion } from './version';

export interface EngineOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  prefsBackend?: ConfLike;
  secretBox?: SecretBox;
}

export class Engine {
  private readonly stateEmitter = new Emitter<EngineState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private current: EngineState;
  readonly clock: Clock;
  readonly logger: Logger;

  constructor(readonly dataDir: string, options: Omit<EngineOptions, 'dataDir'> = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.current = this.makeState('starting', 'Starting');
  }

  get state(): EngineState {
    return this.current;
  }

  info(): AppInfo {
    return { name: 'faxdesk', version: appVersion, dataDir: this.dataDir, engine: this.current };
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    this.setState('running', 'Ready');
    this.logger.log('info', { component: 'engine', dataDir: this.dataDir }, 'engine started');
  }

  async stop(): Promise<void> {
    if (this.current.status === 'stopped') return;
    this.setState('stopping', 'Stopping');
    this.setState('stopped', 'Stopped');
  }

  /** Reports a change of the engine's state to every window. */
  setState(status: EngineState['status'], detail: string, extra: Partial<Pick<EngineState, 'delivering' | 'nextRetryAt' | 'target'>> = {}): void {
    this.current = { ...this.makeState(status, detail), ...extra };
    this.stateEmitter.fire(this.current);
  }

  private makeState(status: EngineState['status'], detail: string): EngineState {
    return { status, detail, since: new Date(this.clock.now()).toISOString(), delivering: 0, nextRetryAt: null, target: null };
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
