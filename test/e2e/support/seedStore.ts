// Fills a data folder's SQLite store with a large, lifelike history for the full-list tests and `npm run bench:ui`:
// faxes whose files are real fixtures in the library, and messages that went through the engine's own steps
// (insert, claim, one attempt decided by the queue's policy and explained in its words), 5,000 rows a transaction.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MessageKind } from '../../../shared/contract';
import { prefDefaults } from '../../../shared/prefs';
import { projectRoot } from '../../../main/cli/command';
import { inspectFaxFile, type FaxFileInfo } from '../../../main/core/inbox/faxFile';
import { receivedFaxMail, sentNotificationMail } from '../../../main/core/inbox/mailText';
import { openConfBackend } from '../../../main/core/prefs/confBackend';
import { Preferences } from '../../../main/core/prefs/preferences';
import { decideAfterAttempt, type DeliveryPolicy } from '../../../main/core/outbox/decide';
import type { AttemptOutcome, AttemptResult, TranscriptLine } from '../../../main/core/outbox/deliveryPort';
import { explainAttempt } from '../../../main/core/smtp/outcome';
import { databasePath, openDatabase } from '../../../main/core/store/database';
import { FaxRepository } from '../../../main/core/store/faxRepository';
import { MessageRepository } from '../../../main/core/store/messageRepository';
import { makePdf } from './faxFiles';

export interface SeedOptions {
  messages: number;
  faxes: number;
  /** The newest row's time; every other row is older (default: now). */
  now?: number;
}

/** Ids worth opening in the seeded store. */
export interface Seeded {
  /** The newest fax: a 20-page PDF. */
  pdf20: string;
  /** The second newest: a 20-page G4 TIFF (joined with tiffcp), or null where tiffcp is missing. */
  tiff20: string | null;
  /** A 3-page G4 TIFF at fine resolution, with its mail delivered. */
  g4: string;
  /** The newest faxes' ids, newest first (the list's first rows). */
  newestFaxes: string[];
  /** A message delivered although the server dropped the connection instead of answering QUIT. */
  quitDropped: string;
  /** A message waiting to retry after a 451, and one held after silence following the final dot. */
  retrying: string;
  held: string;
}

const batchSize = 5_000;
const recentMs = 3 * 3_600_000;
/** The delivery preferences of the seeded folder (written to its config.json too): retries six hours apart, so the
 *  messages waiting to retry (all from the last three hours) are still waiting while a test or the benchmark looks. */
const policy: DeliveryPolicy = {
  treatDroppedQuitAsDelivered: true,
  holdUncertain: true,
  maxAttempts: prefDefaults['delivery.maxAttempts'],
  maxAgeHours: prefDefaults['delivery.maxAgeHours'],
  retryMinSeconds: 6 * 3_600,
  retryMaxSeconds: 6 * 3_600,
};

interface LibraryFile {
  libraryPath: string;
  originalName: string;
  info: FaxFileInfo;
}

/** Copies a file into the library (faxes/seed/) and reads it as the importer would. */
async function addToLibrary(dataDir: string, name: string, bytes: Buffer): Promise<LibraryFile> {
  const libraryPath = path.posix.join('faxes', 'seed', name);
  const file = path.join(dataDir, libraryPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { libraryPath, originalName: name, info: await inspectFaxFile(file, { maxBytes: 50 * 1024 * 1024 }) };
}

/** A 20-page G4 TIFF: tiffcp joins 20 copies of a one-page fixture. Undefined where tiffcp is not installed. */
function twentyPageTiff(dataDir: string): Buffer | undefined {
  const page = path.join(projectRoot, 'test/fixtures/faxes/g4-normal-1p.tif');
  const out = path.join(dataDir, 'fax-20p.tif');
  try {
    execFileSync('tiffcp', [...Array<string>(20).fill(page), out], { stdio: 'ignore' });
    return fs.readFileSync(out);
  } catch {
    return undefined;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

type Fate = 'delivered' | 'quit-dropped' | 'refused' | 'retrying' | 'uncertain' | 'cancelled';

/** What happened to message n: mostly delivered, every other ending sprinkled in; only recent ones still wait. */
function fateOf(n: number, recent: boolean): Fate {
  if (recent && n % 9 === 5) return 'retrying';
  if (recent && n % 25 === 7) return 'uncertain';
  if (n % 61 === 3) return 'refused';
  if (n % 89 === 4) return 'cancelled';
  if (n % 23 === 2) return 'quit-dropped';
  return 'delivered';
}

/** One attempt's transcript and result, as the delivery agent reports it for that fate. */
function attemptFor(fate: Fate, id: string, from: string, to: string[], startedAt: number): AttemptResult {
  const at = (ms: number) => new Date(startedAt + ms).toISOString();
  const queueId = id.slice(0, 10).replace(/-/g, '').toUpperCase();
  const lines: TranscriptLine[] = [
    { at: at(0), dir: 'i', text: 'connected to 127.0.0.1:2525' },
    { at: at(4), dir: 'S', text: '220 mail.example.com ESMTP Postfix' },
    { at: at(5), dir: 'C', text: 'EHLO faxdesk.local' },
    { at: at(7), dir: 'S', text: '250-mail.example.com\n250-PIPELINING\n250-SIZE 10240000\n250 8BITMIME' },
    { at: at(8), dir: 'C', text: `MAIL FROM:<${from}>` },
    { at: at(9), dir: 'S', text: '250 2.1.0 Ok' },
    { at: at(10), dir: 'C', text: `RCPT TO:<${to[0]}>` },
  ];
  const base = { messageId: id, startedAt: at(0), transcript: lines };
  if (fate === 'refused') {
    lines.push({ at: at(12), dir: 'S', text: `550 5.1.1 <${to[0]}>: Recipient address rejected: User unknown` });
    const reply = `550 5.1.1 <${to[0]}>: Recipient address rejected: User unknown`;
    return { ...base, outcome: 'permanent', phase: 'rcpt', endedAt: at(14), recipients: to.map((address) => ({ address, status: 'permanent', reply })), error: { code: 'EENVELOPE', message: reply, reply } };
  }
  if (fate === 'retrying' || fate === 'cancelled') {
    const reply = '451 4.3.0 <' + to[0] + '>: Temporary lookup failure';
    lines.push({ at: at(12), dir: 'S', text: reply });
    return { ...base, outcome: 'temporary', phase: 'rcpt', endedAt: at(14), recipients: to.map((address) => ({ address, status: 'temporary', reply })), error: { code: 'EENVELOPE', message: reply, reply } };
  }
  lines.push(
    { at: at(11), dir: 'S', text: '250 2.1.5 Ok' },
    { at: at(12), dir: 'C', text: 'DATA' },
    { at: at(13), dir: 'S', text: '354 End data with <CR><LF>.<CR><LF>' },
    { at: at(40), dir: 'C', text: '<message, 48 KB>' },
  );
  if (fate === 'uncertain') {
    lines.push({ at: at(30_040), dir: 'i', text: 'connection closed after the final dot, before the reply' });
    return { ...base, outcome: 'uncertain', phase: 'dot-sent', endedAt: at(30_040), recipients: [], error: { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, dotSent: true };
  }
  const commit = `250 2.0.0 Ok: queued as ${queueId}`;
  lines.push({ at: at(80), dir: 'S', text: commit }, { at: at(81), dir: 'C', text: 'QUIT' });
  const recipients = to.map((address) => ({ address, status: 'accepted' as const, reply: '250 2.1.5 Ok' }));
  const outcome: AttemptOutcome = fate === 'quit-dropped' ? 'accepted-quit-dropped' : 'delivered';
  if (outcome === 'delivered') {
    lines.push({ at: at(83), dir: 'S', text: '221 2.0.0 Bye' });
    return { ...base, outcome, phase: 'closed', endedAt: at(84), recipients, commit: { reply: commit, at: at(80) }, quitReply: '221 2.0.0 Bye', dotSent: true };
  }
  lines.push({ at: at(90), dir: 'i', text: 'connection closed before the reply to QUIT' });
  return { ...base, outcome, phase: 'quit', endedAt: at(90), recipients, commit: { reply: commit, at: at(80) }, error: { code: 'ECONNECTION', message: 'Connection closed before the reply to QUIT' }, dotSent: true };
}

interface PlannedMessage {
  kind: MessageKind;
  subject: string;
  to: string[];
  faxId: string | null;
  createdAt: number;
  fate: Fate;
}

/** Seeds `dataDir` (its store must not be open elsewhere); start `faxdesk serve --data dataDir` afterwards. */
export async function seedStore(dataDir: string, options: SeedOptions): Promise<Seeded> {
  const now = options.now ?? Date.now();
  const fixtures = path.join(projectRoot, 'test/fixtures/faxes');
  const fixture = (name: string) => addToLibrary(dataDir, name, fs.readFileSync(path.join(fixtures, name)));
  const tiff20Bytes = twentyPageTiff(dataDir);
  const files = {
    pdf20: await addToLibrary(dataDir, 'fax-20p.pdf', await makePdf(20)),
    tiff20: tiff20Bytes ? await addToLibrary(dataDir, 'fax-20p.tif', tiff20Bytes) : undefined,
    rest: await Promise.all(['g4-fine-3p.tif', 'pdf-3p.pdf', 'g3-normal-3p.tif', 'g4-normal-1p.tif', 'tiff2pdf-g4-3p.pdf'].map(fixture)),
  };

  const prefsBackend = openConfBackend(dataDir);
  const prefs = new Preferences(prefsBackend, { env: {} });
  prefs.set({ 'delivery.holdUncertain': policy.holdUncertain, 'delivery.retryMinSeconds': policy.retryMinSeconds, 'delivery.retryMaxSeconds': policy.retryMaxSeconds });
  prefs.dispose();
  prefsBackend.close();

  const db = openDatabase(databasePath(dataDir));
  // The repositories prepare their statements on every call, which is most of the cost of 100,000 rows here; within
  // this seeding (one connection, no statement iterated while another runs) a compiled statement can be reused.
  const compiled = new Map<string, ReturnType<typeof db.prepare>>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => compiled.get(sql) ?? compiled.set(sql, prepare(sql)).get(sql)!) as typeof db.prepare;
  const faxRepo = new FaxRepository(db);
  const messageRepo = new MessageRepository(db);
  const from = prefDefaults['mail.from'];
  try {
    // Faxes, newest first: one every 7 minutes; four in five were routed and have a mail.
    const planned: PlannedMessage[] = [];
    const faxIds: string[] = [];
    for (let start = 0; start < options.faxes; start += batchSize) {
      messageRepo.transaction(() => {
        for (let i = start; i < Math.min(options.faxes, start + batchSize); i++) {
          const file = i === 0 ? files.pdf20 : i === 1 && files.tiff20 ? files.tiff20 : files.rest[i % files.rest.length]!;
          const receivedAt = new Date(now - 60_000 - i * 7 * 60_000).toISOString();
          const routed = i % 5 !== 4;
          const deliverTo = routed ? [`desk${i % 13}@example.com`] : [];
          const sender = { from: `+49 40 ${String(300000 + ((i * 7919) % 700000)).padStart(7, '0')}`, to: `+49 30 1234 ${100 + (i % 7)}`, csid: i % 4 === 0 ? undefined : `ACME ${i % 50}` };
          const id = crypto.randomUUID();
          faxIds.push(id);
          faxRepo.insert({
            id,
            // Real files, shared by many rows: each row needs its own hash (the library's unique key), so it is derived.
            sha256: crypto.createHash('sha256').update(`${file.info.sha256}:${i}`).digest('hex'),
            receivedAt,
            importedAt: receivedAt,
            from: sender.from,
            to: sender.to,
            csid: sender.csid ?? null,
            pages: file.info.pages,
            format: file.info.format,
            originalName: file.originalName,
            libraryPath: file.libraryPath,
            sizeBytes: file.info.bytes,
            resolution: file.info.resolution ?? null,
            compression: file.info.compression ?? null,
            deliverTo,
            routeRule: null,
            mailState: routed ? 'pending' : 'not-routed',
          });
          if (i % 6 !== 0) faxRepo.setRead(id, true);
          if (!routed) continue;
          faxRepo.markMailQueued(id);
          const mail = receivedFaxMail({ ...sender, receivedAt, pages: file.info.pages, fileName: file.originalName }, { timeZone: 'UTC' });
          planned.push({ kind: 'received-fax', subject: mail.subject, to: deliverTo, faxId: id, createdAt: Date.parse(receivedAt) + 5_000, fate: i < 3 ? 'delivered' : fateOf(i, now - Date.parse(receivedAt) < recentMs) });
        }
      });
    }
    // The other messages: sent-fax notices and a few test messages, spread between the faxes' mails.
    for (let n = 0; planned.length < options.messages; n++) {
      const sent = n % 11 !== 10;
      const status = n % 17 === 0 ? 'failed' : 'sent';
      const subject = sent
        ? sentNotificationMail({ jobId: `job-${n}`, to: `+49 89 ${String(100000 + n).padStart(7, '0')}`, recipient: n % 3 === 0 ? `Praxis ${n % 40}` : undefined, status }).subject
        : 'faxdesk test message';
      const createdAt = now - 47_000 - n * 2 * 60_000;
      planned.push({ kind: sent ? 'sent-notification' : 'manual', subject, to: [sent ? `sender${n % 29}@example.com` : 'it@example.com'], faxId: null, createdAt, fate: fateOf(n + 1, now - createdAt < recentMs) });
    }
    planned.sort((a, b) => a.createdAt - b.createdAt);

    const ids: Partial<Record<Fate, string>> = {};
    for (let start = 0; start < planned.length; start += batchSize) {
      messageRepo.transaction(() => {
        for (const message of planned.slice(start, start + batchSize)) seedMessage(message);
      });
    }

    /** One message through the queue's steps: queued, claimed for an attempt, the attempt's result decided and recorded. */
    function seedMessage(message: PlannedMessage): void {
      const id = crypto.randomUUID();
      messageRepo.insert({
        id,
        kind: message.kind,
        subject: message.subject,
        from,
        to: message.to,
        messageId: `<${id}@faxdesk.local>`,
        emlPath: path.posix.join('outbox', 'seed', `${id}.eml`),
        sizeBytes: 48_000 + (message.createdAt % 9_000),
        faxId: message.faxId,
        createdAt: message.createdAt,
        state: 'queued',
      });
      const startedAt = message.createdAt + 400;
      const [claimed] = messageRepo.claimDue(startedAt, 1);
      if (!claimed || claimed.id !== id) throw new Error(`seedStore: claimed ${claimed?.id} instead of ${id}`);
      const result = attemptFor(message.fate, id, from, message.to, startedAt);
      const endedAt = Date.parse(result.endedAt);
      const decision = decideAfterAttempt(claimed, result, policy, endedAt, 0.5);
      messageRepo.finishAttempt(
        claimed.seq,
        claimed.attempt,
        {
          outcome: result.outcome,
          phase: result.phase,
          endedAt,
          explanation: `${explainAttempt(result, { treatDroppedQuitAsDelivered: policy.treatDroppedQuitAsDelivered })} ${decision.action}`.trim(),
          transcript: result.transcript,
          recipients: result.recipients,
          commitReply: result.commit?.reply ?? null,
          quitReply: result.quitReply ?? null,
          error: result.error ? { code: result.error.code, message: result.error.message } : null,
        },
        decision.transition,
        endedAt,
      );
      if (message.fate === 'cancelled') messageRepo.transition(id, ['retry-wait'], { state: 'cancelled', reason: 'Cancelled by the user.' }, endedAt + 600_000);
      ids[message.fate] = id;
    }

    return {
      pdf20: faxIds[0]!,
      tiff20: files.tiff20 ? faxIds[1]! : null,
      g4: faxIds[10]!,
      newestFaxes: faxIds.slice(0, 20),
      quitDropped: ids['quit-dropped']!,
      retrying: ids.retrying!,
      held: ids.uncertain!,
    };
  } finally {
    db.close();
  }
}
