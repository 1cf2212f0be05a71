// A queue over a real SQLite file with a fake clock and a fake agent: what the outbox unit tests build on.
import path from 'node:path';
import { FakeClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/logger';
import { MessageComposer } from '../../main/core/outbox/compose';
import type { DeliveryAgentPort, SmtpSettings } from '../../main/core/outbox/deliveryPort';
import { OutboxQueue, type DeliveryTarget } from '../../main/core/outbox/outboxQueue';
import { Preferences } from '../../main/core/prefs/preferences';
import { databasePath, openDatabase } from '../../main/core/store/database';
import { MessageRepository } from '../../main/core/store/messageRepository';
import type { Prefs } from '../../shared/prefs';
import { FakeAgent } from './fakeAgent';
import { MemoryConf } from './memoryConf';
import { tempDir } from './transports';

export const fakeSettings: SmtpSettings = {
  host: 'mail.example.com',
  port: 25,
  security: 'none',
  rejectUnauthorized: true,
  timeouts: { connectMs: 1000, greetingMs: 1000, commandMs: 1000, finalDotMs: 1000, quitMs: 1000 },
};

export interface HarnessOptions {
  prefs?: Partial<Prefs>;
  target?: (prefs: Preferences) => DeliveryTarget;
  /** The real DeliveryAgent for integration tests; the scripted fake by default. */
  deliveryAgent?: DeliveryAgentPort;
  dir?: string;
  clock?: FakeClock;
  conf?: MemoryConf;
  agent?: FakeAgent;
}

export function createHarness(options: HarnessOptions = {}) {
  const dir = options.dir ?? tempDir('faxdesk-outbox-');
  const db = openDatabase(databasePath(dir));
  const repository = new MessageRepository(db);
  const clock = options.clock ?? new FakeClock();
  const conf = options.conf ?? new MemoryConf({ 'delivery.retryMinSeconds': 60, 'delivery.retryMaxSeconds': 3600, ...options.prefs });
  const prefs = new Preferences(conf);
  const agent = options.agent ?? new FakeAgent(clock);
  const queue = new OutboxQueue({
    repository,
    composer: new MessageComposer(path.join(dir, 'outbox'), clock),
    clock,
    logger: silentLogger,
    prefs,
    agent: options.deliveryAgent ?? agent,
    target: options.target ? () => options.target!(prefs) : () => ({ ok: true, settings: fakeSettings, local: false, label: 'mail.example.com:25' }),
    dataDir: dir,
    random: () => 0.5,
    pollMs: 0,
    secrets: () => [prefs.password()],
  });
  const harness = {
    dir,
    /** One row of a raw query, for checking what is on disk at a given moment. */
    row: (sql: string, ...args: unknown[]): Record<string, unknown> | undefined => db.prepare(sql).get(...args) as Record<string, unknown> | undefined,
    repository,
    clock,
    conf,
    prefs,
    agent,
    queue,
    send(to: string[] = ['ann@example.com'], subject = 'Fax from +49 30 1234') {
      return queue.enqueue({ kind: 'manual', to, subject, text: 'A fax arrived.' });
    },
    /** Moves the fake clock and waits until every session it started has ended. */
    async advance(ms: number) {
      clock.advance(ms);
      await settle(queue);
    },
    settle: () => settle(queue),
    state: (id: string) => repository.summary(id).state,
    detail: (id: string) => repository.detail(id),
    /** A second queue over the same data folder and clock: the engine after a restart. */
    restart(next: Omit<HarnessOptions, 'dir' | 'clock' | 'conf'> = {}) {
      return createHarness({ ...options, ...next, dir, clock, conf });
    },
    close() {
      void queue.stop(0);
      db.close();
    },
  };
  return harness;
}

/** Waits for sessions to end, including ones started by the ones that ended (file checks use real I/O). */
async function settle(queue: OutboxQueue): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await queue.settled();
  }
}

export type Harness = ReturnType<typeof createHarness>;
