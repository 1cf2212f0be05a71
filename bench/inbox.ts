// Benchmark: 1,000 three-page G4 fax TIFFs dropped into the spool at once, imported and queued by the running engine.
// Prints faxes/s, peak RSS and the ratio to a baseline measured in the same run (copying the same files with fsync,
// the least work any import that keeps its promise must do). Sizes: FAXDESK_BENCH_FAXES (default 1000).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { copyDurably } from '../main/core/inbox/fileOps';
import { createEngine } from '../main/core/services';

const count = Number(process.env.FAXDESK_BENCH_FAXES ?? 1000);
const fixture = path.resolve('test/fixtures/faxes/g4-fine-3p.tif');

function makeFaxes(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const bytes = fs.readFileSync(fixture);
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `fax-${String(i).padStart(5, '0')}.tif`);
    // Unique bytes after the image data, so each file is a different fax (readers ignore what follows the IFDs).
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from(`\nbench-${i}-${Date.now()}\n`)]));
    return file;
  });
}

async function baseline(files: string[], dir: string): Promise<number> {
  const started = performance.now();
  for (const file of files) await copyDurably(file, path.join(dir, path.basename(file)));
  return performance.now() - started;
}

const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(0);
/** monitorEventLoopDelay measures whole timer intervals: less its 10 ms resolution, what remains is how late the timer was. */
const lag = (nanoseconds: number) => ms(Math.max(0, nanoseconds - 10e6));

/** A 3-page PDF carrying a 50 MB embedded file: as large as inbox.maxFileMegabytes allows by default. */
async function makeLargePdf(file: string): Promise<number> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage([595, 842]).drawText(`faxdesk benchmark, page ${i + 1}`, { x: 50, y: 780, size: 14 });
  // Random bytes: pdf-lib compresses embedded files, and a scan's data does not compress either.
  const filler = crypto.randomBytes(49 * 1024 * 1024);
  await doc.attach(filler, 'scan-data.bin', { mimeType: 'application/octet-stream' });
  const bytes = await doc.save({ useObjectStreams: false });
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

async function importLargeFax(engine: Awaited<ReturnType<typeof createEngine>>, staged: string) {
  const bytes = await makeLargePdf(staged);
  const target = path.join(engine.inbox.importer.folders().received, 'large.pdf');
  const before = engine.inbox.faxes.list({ limit: 1 }).total;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  fs.renameSync(staged, target);
  while (engine.inbox.faxes.list({ limit: 1 }).total === before && performance.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = performance.now() - started;
  delay.disable();
  return { megabytes: Math.round(bytes / 1024 / 1024), ms: elapsed, p99: delay.percentile(99), max: delay.max };
}

export async function runInboxBench(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'faxdesk-bench-inbox-'));
  try {
    const staged = makeFaxes(path.join(root, 'staged'));
    const baselineMs = await baseline(staged, path.join(root, 'copies'));

    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ inbox: { deliverTo: ['office@example.com'] }, ...(process.env.BENCH_NO_DELIVERY ? { smtp: { host: '127.0.0.1', port: 9 } } : {}) }));
    const engine = await createEngine({ dataDir, spoolStableMs: 300 });
    const received = path.join(dataDir, 'spool', 'received');
    const idleRss = process.memoryUsage().rss;
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

    // The window shares this event loop in the desktop app: how long did it ever wait while the engine worked?
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    // Dropped at once: renames within one disk are atomic, as a fax line's are.
    for (const file of staged) fs.renameSync(file, path.join(received, path.basename(file)));
    const deadline = started + 10 * 60_000;
    let imported = 0;
    let queued = 0;
    while (performance.now() < deadline) {
      imported = engine.inbox.faxes.list({ limit: 1 }).total;
      queued = engine.messages.counts().total;
      if (imported >= count && queued >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsedMs = performance.now() - started;
    loopDelay.disable();
    clearInterval(sampler);
    const bigFax = await importLargeFax(engine, path.join(root, 'large.pdf'));
    await engine.stop();

    const seconds = elapsedMs / 1000;
    console.log(`inbox import: ${imported}/${count} faxes imported, ${queued} mails queued in ${seconds.toFixed(1)} s`);
    console.log(`  ${(imported / seconds).toFixed(1)} faxes/s (target: all ${count} in under 60 s)`);
    console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (target under 300 MB); ${(idleRss / 1024 / 1024).toFixed(0)} MB with the engine idle before the drop`);
    console.log(`  event loop lag while importing and delivering: p99 ${lag(loopDelay.percentile(99))} ms, max ${lag(loopDelay.max)} ms (the window stays responsive while this stays small)`);
    console.log(`  one ${bigFax.megabytes} MB PDF fax: imported in ${(bigFax.ms / 1000).toFixed(1)} s; event loop lag p99 ${lag(bigFax.p99)} ms, max ${lag(bigFax.max)} ms`);
    console.log(`  baseline (copy + fsync of the same files): ${(baselineMs / 1000).toFixed(1)} s; import / baseline = ${(elapsedMs / baselineMs).toFixed(1)}×`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runInboxBench();
