// One benchmark scenario in its own process, so its peak RSS is its own: prints one JSON line of figures on stdout.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { systemClock } from '../main/core/clock';
import { MessageComposer, writeDurably } from '../main/core/outbox/compose';
import { createEngine } from '../main/core/services';
import { databasePath, openDatabase } from '../main/core/store/database';
import { MessageRepository, type NewMessage } from '../main/core/store/messageRepository';

const [scenario, portText, folder] = process.argv.slice(2);
const port = Number(portText);
const count = Number(process.env.FAXDESK_BENCH_MESSAGES ?? 2000);
const attachmentKb = Number(process.env.FAXDESK_BENCH_ATTACHMENT_KB ?? 100);
const history = Number(process.env.FAXDESK_BENCH_HISTORY ?? 100_000);
const concurrency = Number(process.env.FAXDESK_BENCH_ENQUEUE_CONCURRENCY ?? 32);

const to = ['ann@example.com'];

/**
 * The bench's folder (bench/index.ts removes it once every figure is taken). Runs leave their data folders in it: with
 * this machine's `discard` mount, removing a run's 270 MB of .eml files made the next run's file creations and fsyncs
 * several times slower, so each figure measured the run before it as much as its own.
 */
const benchRoot = process.env.FAXDESK_BENCH_ROOT ?? os.tmpdir();

function dataFolder(): { dir: string; attachment: string } {
  const dir = fs.mkdtempSync(path.join(benchRoot, 'data-'));
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ smtp: { host: '127.0.0.1', port }, mail: { from: 'fax@example.com' }, delivery: { connections: 2 } }),
  );
  const attachment = path.join(dir, 'fax.pdf');
  fs.writeFileSync(attachment, crypto.randomBytes(attachmentKb * 1024));
  return { dir, attachment };
}

/** Runs jobs with at most `limit` in flight. */
async function pool(total: number, limit: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, total) }, async () => {
    while (next < total) await job(next++);
  }));
}

/** CPU time (every thread of the process, user and system) in ms: less disturbed by a busy neighbour than msg/s. */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function outbox() {
  const { dir, attachment } = dataFolder();
  const client = await createEngine({ dataDir: dir, role: 'client' });
  let started = performance.now();
  await pool(count, concurrency, (i) =>
    client.outbox.enqueue({ kind: 'received-fax', to, subject: `Bench fax ${i}`, text: 'A fax arrived.', attachments: [{ path: attachment }] }),
  );
  const enqueueSeconds = (performance.now() - started) / 1000;
  await client.stop();
  started = performance.now();
  // The desktop window shares this event loop: how long did it ever wait while 2,000 messages went out?
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const engine = await createEngine({ dataDir: dir, holder: 'bench' });
  await engine.outbox.whenIdle();
  const deliverSeconds = (performance.now() - started) / 1000;
  const cpuMsPerMessage = cpuMs(process.cpuUsage(cpu)) / count;
  loop.disable();
  const delivered = engine.messages.counts().delivered;
  await engine.stop();
  return {
    enqueuePerSecond: count / enqueueSeconds,
    deliverPerSecond: delivered / deliverSeconds,
    cpuMsPerMessage,
    delivered,
    peakRssMb: peakRssMb(),
    // Less the timer's own 10 ms: how late it fired.
    loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 10),
    loopMaxMs: Math.max(0, loop.max / 1e6 - 10),
  };
}

async function bare() {
  const { attachment } = dataFolder();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 2, maxMessages: Infinity });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let delivered = 0;
  await pool(count, 64, async (i) => {
    await transport.sendMail({ from: 'fax@example.com', to, subject: `Bench fax ${i}`, text: 'A fax arrived.', attachments: [{ path: attachment }] });
    delivered++;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerMessage = cpuMs(process.cpuUsage(cpu)) / count;
  transport.close();
  return { deliverPerSecond: delivered / seconds, cpuMsPerMessage, delivered, peakRssMb: peakRssMb() };
}

/** A data folder with `history` delivered messages (each with one attempt and its transcript) and one queued message. */
async function seed() {
  const { dir, attachment } = dataFolder();
  const client = await createEngine({ dataDir: dir, role: 'client' });
  const template = await client.outbox.enqueue({ kind: 'received-fax', to, subject: 'Template', text: 'A fax.', attachments: [{ path: attachment }] });
  const emlPath = client.messages.emlPathOf(template.id);
  await client.stop();
  const db = openDatabase(databasePath(dir));
  const repository = new MessageRepository(db);
  const created = Date.now() - 30 * 86_400_000;
  const transcript = JSON.stringify(['220 ready', 'EHLO faxdesk', '250 ok', 'MAIL FROM:<fax@example.com>', '250 ok', 'RCPT TO:<ann@example.com>', '250 ok', 'DATA', '354 go', '250 2.0.0 Ok: queued', 'QUIT', '221 bye'].map((text, i) => ({ at: new Date(created).toISOString(), dir: i % 2 ? 'C' : 'S', text })));
  for (let start = 0; start < history; start += 10_000) {
    const rows: NewMessage[] = Array.from({ length: Math.min(10_000, history - start) }, (_, k) => {
      const id = crypto.randomUUID();
      return { id, kind: 'received-fax', subject: `Old fax ${start + k}`, from: 'fax@example.com', to, messageId: `<${id}@example.com>`, emlPath, sizeBytes: template.sizeBytes, faxId: null, createdAt: created + start + k, state: 'queued' };
    });
    repository.insertMany(rows);
  }
  db.exec(`UPDATE messages SET state = 'delivered', attempts = 1, delivered_at = created_at, next_attempt_at = NULL, commit_reply = '250 2.0.0 Ok' WHERE id <> '${template.id}';
           UPDATE recipients SET state = 'accepted', last_reply = '250 ok' WHERE message_seq IN (SELECT seq FROM messages WHERE state = 'delivered');
           INSERT INTO attempts (message_seq, number, started_at, ended_at, phase, outcome, explanation, transcript, commit_reply, quit_reply)
             SELECT seq, 1, created_at, created_at + 120, 'closed', 'delivered', 'The server accepted the message.', '${transcript.replace(/'/g, "''")}', '250 2.0.0 Ok', '221 bye' FROM messages WHERE state = 'delivered';`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, id: template.id };
}

/** Starts the engine on a seeded folder (its own process: the seeding's memory is not counted) until the first delivery. */
async function startup() {
  const dir = folder!;
  const started = performance.now();
  const engine = await createEngine({ dataDir: dir, holder: 'bench' });
  const startedMs = performance.now() - started;
  await engine.outbox.whenIdle();
  const firstDeliveryMs = performance.now() - started;
  const listStarted = performance.now();
  const page = engine.messages.list({ limit: 50 });
  engine.messages.list({ limit: 50, cursor: page.nextCursor });
  engine.messages.counts();
  const listMs = performance.now() - listStarted;
  const delivered = engine.messages.counts().queued === 0;
  await engine.stop();
  return { history, engineStartMs: startedMs, firstDeliveryMs, firstPagesAndCountsMs: listMs, delivered, peakRssMb: peakRssMb() };
}

/** Small messages (a "fax sent" notification, no attachment): the enqueue rate without the cost of base64. */
async function enqueueSmall() {
  const { dir } = dataFolder();
  const client = await createEngine({ dataDir: dir, role: 'client' });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await pool(count, concurrency, (i) => client.outbox.enqueue({ kind: 'sent-notification', to, subject: `Fax to +49 30 ${i} sent`, text: 'Your fax was sent: 3 pages.' }));
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerMessage = cpuMs(process.cpuUsage(cpu)) / count;
  await client.stop();
  return { enqueuePerSecond: count / seconds, cpuMsPerMessage };
}

/**
 * The baseline for the enqueue rate: the disk work alone that an enqueue cannot skip, each file written to a temp name,
 * fsynced and renamed (the composer's own writeDurably), with the composed size of a message with the attachment and
 * at the same concurrency, but no composition and no database.
 */
async function durableWrites() {
  const { dir } = dataFolder();
  const bytes = crypto.randomBytes(Math.ceil((attachmentKb * 1024 * 4) / 3));
  const started = performance.now();
  await pool(count, concurrency, (i) =>
    writeDurably(path.join(dir, 'outbox', `${i}.eml`), async function* () {
      yield bytes;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { writesPerSecond: count / seconds };
}

/**
 * The second baseline: the composer alone (MailComposer, then the durable write), for the same messages at the same
 * concurrency, with no queue and no database. What an enqueue costs beyond it is the outbox's own share.
 */
async function composedWrites() {
  const { dir, attachment } = dataFolder();
  const composer = new MessageComposer(path.join(dir, 'outbox'), systemClock);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await pool(count, concurrency, (i) =>
    composer.compose({ kind: 'received-fax', to, subject: `Bench fax ${i}`, text: 'A fax arrived.', attachments: [{ path: attachment }] }, 'fax@example.com'),
  );
  const seconds = (performance.now() - started) / 1000;
  return { composedPerSecond: count / seconds, cpuMsPerMessage: cpuMs(process.cpuUsage(cpu)) / count };
}

const scenarios: Record<string, () => Promise<unknown>> = { outbox, bare, seed, startup, enqueueSmall, durableWrites, composedWrites };
const run = scenarios[scenario ?? ''];
if (!run) throw new Error(`unknown scenario ${scenario}`);
process.stdout.write(JSON.stringify(await run()) + '\n');
process.exit(0);
