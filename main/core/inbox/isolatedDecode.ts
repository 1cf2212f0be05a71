// Runs the PDF and TIFF parsers in a worker thread with a time and memory limit, so no spooled file can hang or crash the engine.
//
// Why a worker: utif's G3/G4 decoders grow strings and arrays without bound on garbled data (minutes of CPU, or an
// out-of-memory abort that would take the whole process down), and pdf-lib walks page trees without loop checks.
// A worker can be terminated from outside and dies alone when it exceeds its heap limit.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { systemClock, type Clock } from '../clock';

export interface TiffDecodeResult {
  pages: number;
  compression: number;
  xResolution?: number;
  yResolution?: number;
  resolutionUnit: number;
  width: number;
  height: number;
  decodedBytes: number;
  /** Rows the G3/G4 decoder completed, or null where utif gives no row count (other codecs). */
  rowsDecoded: number | null;
}

export type DecodeOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; why: 'parser'; message: string }
  | { ok: false; why: 'timeout' | 'memory' | 'crash'; message: string };

export interface DecodeLimits {
  timeoutMs: number;
  /** The worker's V8 heap; the parsers' JS arrays live there. */
  heapMegabytes: number;
  clock?: Clock;
}

// The worker is plain CommonJS given as a string, so it runs the same under tsx, vitest and a bundled Electron main
// without a second build entry; the packages are resolved here and handed over as absolute paths.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// utif may console.log in development builds; keep that out of the engine's output (stdout is for results).
console.log = console.warn = console.error = () => {};
const first = (v) => (Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined);

function decodeTiff(bytes) {
  const UTIF = require(workerData.utifPath);
  const ifds = UTIF.decode(bytes);
  const page = ifds[0];
  if (!page) throw new Error('utif found no page');
  // utif reports no decoding errors for G3/G4: it just stops writing rows. Counting the rows it completes is the only
  // way to tell a whole page from one cut short.
  let rows = null;
  const original = UTIF.decode._writeBits;
  if (typeof original === 'function') {
    rows = 0;
    UTIF.decode._writeBits = function () { rows++; return original.apply(this, arguments); };
  }
  UTIF.decodeImage(bytes, page, ifds);
  const compression = first(page.t259) ?? 1;
  return {
    pages: ifds.length,
    compression,
    xResolution: first(page.t282),
    yResolution: first(page.t283),
    resolutionUnit: first(page.t296) ?? 2,
    width: page.width,
    height: page.height,
    decodedBytes: page.data ? page.data.length : 0,
    rowsDecoded: compression === 3 || compression === 4 ? rows : null,
  };
}

async function countPdfPages(bytes) {
  const { PDFDocument } = require(workerData.pdfLibPath);
  const doc = await PDFDocument.load(new Uint8Array(bytes), { ignoreEncryption: true, updateMetadata: false });
  return { pages: doc.getPageCount() };
}

// A collection after each file: the decoders leave megabytes of garbage per page (much of it outside the JS heap, which
// V8 counts only loosely), and a kept worker would otherwise hold it until its heap limit, for every worker in the pool.
require('node:v8').setFlagsFromString('--expose-gc');
const collect = require('node:vm').runInNewContext('gc');

parentPort.on('message', async (request) => {
  try {
    const value = request.kind === 'tiff' ? decodeTiff(request.bytes) : await countPdfPages(request.bytes);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    const message = error && typeof error.message === 'string' ? error.message : String(error);
    parentPort.postMessage({ ok: false, why: 'parser', message: message.slice(0, 300) });
  }
  request = null;
  collect();
});
`;

let modulePaths: { utifPath: string; pdfLibPath: string } | undefined;
function resolveModules(): { utifPath: string; pdfLibPath: string } {
  // __filename exists once the main process is bundled to CommonJS; import.meta.url when run as ESM (tsx, vitest).
  const requireHere = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  modulePaths ??= { utifPath: requireHere.resolve('utif'), pdfLibPath: requireHere.resolve('pdf-lib') };
  return modulePaths;
}

export function decodeTiffIsolated(bytes: ArrayBuffer, limits: DecodeLimits): Promise<DecodeOutcome<TiffDecodeResult>> {
  return runIsolated<TiffDecodeResult>('tiff', bytes, limits);
}

export function countPdfPagesIsolated(bytes: ArrayBuffer, limits: DecodeLimits): Promise<DecodeOutcome<{ pages: number }>> {
  return runIsolated<{ pages: number }>('pdf', bytes, limits);
}

/**
 * Decoder workers are kept and reused: starting one (and loading utif and pdf-lib in it) costs about 100 ms, far more
 * than checking a fax. A worker that timed out, ran out of memory or crashed is thrown away and never reused.
 */
const POOL_SIZE = 2;
const idleWorkers: Worker[] = [];
let busyWorkers = 0;
const waiting: Array<() => void> = [];

function createWorker(limits: DecodeLimits): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: resolveModules(),
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMegabytes, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 },
  });
  // An idle worker must not keep the process alive (the CLI exits when its work is done).
  worker.unref();
  return worker;
}

async function acquireSlot(): Promise<void> {
  while (busyWorkers >= POOL_SIZE) await new Promise<void>((resolve) => waiting.push(resolve));
  busyWorkers++;
}

function releaseSlot(): void {
  busyWorkers--;
  waiting.shift()?.();
}

async function runIsolated<T>(kind: 'tiff' | 'pdf', bytes: ArrayBuffer, limits: DecodeLimits): Promise<DecodeOutcome<T>> {
  await acquireSlot();
  const clock = limits.clock ?? systemClock;
  let worker: Worker;
  try {
    worker = idleWorkers.pop() ?? createWorker(limits);
  } catch (error) {
    releaseSlot();
    return { ok: false, why: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: DecodeOutcome<T>, reusable: boolean) => {
      if (settled) return;
      settled = true;
      watchdog.cancel();
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && idleWorkers.length < POOL_SIZE) idleWorkers.push(worker);
      else void worker.terminate();
      releaseSlot();
      resolve(outcome);
    };
    const onMessage = (reply: DecodeOutcome<T>) => finish(reply, true);
    const onError = (error: Error & { code?: string }) =>
      finish({ ok: false, why: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', message: error.message }, false);
    const onExit = (code: number) => finish({ ok: false, why: 'crash', message: `the decoder stopped (exit code ${code})` }, false);
    const watchdog = clock.setTimeout(
      () => finish({ ok: false, why: 'timeout', message: `gave up after ${limits.timeoutMs} ms` }, false),
      limits.timeoutMs,
    );
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.ref();
    // Transferred, not copied: the caller hands over its own copy made for the decoder.
    worker.postMessage({ kind, bytes }, [bytes]);
  }).finally(() => worker.unref()) as Promise<DecodeOutcome<T>>;
}
