// Checks one spooled file before import: is it a real, readable PDF or TIFF fax, how many pages, and its SHA-256.
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Clock } from '../clock';
import { openRegularFile } from '../openRegularFile';
import { FaxFileError } from './faxFileError';
import { countPdfPagesIsolated, decodeTiffIsolated, type DecodeLimits, type DecodeOutcome } from './isolatedDecode';
import { checkPdfStructure } from './pdfStructure';
import { walkTiff } from './tiffStructure';

export { FaxFileError, type FaxFileErrorCode } from './faxFileError';

export interface FaxFileInfo {
  format: 'pdf' | 'tiff';
  pages: number;
  sha256: string;
  bytes: number;
  /** Dots per inch of page 1 (TIFF only): fax normal is 204 × 98, fine 204 × 196. */
  resolution?: { x: number; y: number };
  /** Compression of page 1 (TIFF only): 'G3', 'G4', 'MH', 'none', 'LZW', … */
  compression?: string;
}

export interface InspectOptions {
  maxBytes: number;
  /** A fax has a few pages; a count beyond this is a damaged or hostile file. */
  maxPages?: number;
  /** How long the parser may take (ms) before the file is given up as unreadable. */
  decodeTimeoutMs?: number;
  clock?: Clock;
}

export const DEFAULT_MAX_PAGES = 1000;
const DEFAULT_DECODE_TIMEOUT_MS = 20_000;
// A fine A4 fax page decodes to under 1 MB; 128 MB leaves room for large scans and keeps two decoders' memory modest.
const WORKER_HEAP_MEGABYTES = 128;
/** A fine A4 page is 1728 × 2287 one-bit pixels (under 0.5 MB); 64 MB leaves room for colour scans of A3. */
const MAX_DECODED_PAGE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

const MIB = 1024 * 1024;

/** TIFF 6.0 tag 259 values, with the short name shown to people. */
const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  1: 'none',
  2: 'MH', // CCITT modified Huffman (RLE), T.4 one-dimensional without EOLs
  3: 'G3', // CCITT T.4
  4: 'G4', // CCITT T.6
  5: 'LZW',
  6: 'JPEG (old-style)',
  7: 'JPEG',
  8: 'Deflate',
  9: 'JBIG (T.85)',
  10: 'JBIG (T.43)',
  32773: 'PackBits',
  32946: 'Deflate (old-style)',
  34661: 'JBIG',
  34712: 'JPEG 2000',
};
/** The codecs utif really decodes (others it skips silently, leaving a blank page), minus camera raw formats. */
const DECODABLE = new Set([1, 3, 4, 5, 7, 8, 32773]);

export function compressionName(code: number): string {
  return COMPRESSION_NAMES[code] ?? `unknown (code ${code})`;
}

export async function inspectFaxFile(path: string, opts: InspectOptions): Promise<FaxFileInfo> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const limits: DecodeLimits = {
    timeoutMs: opts.decodeTimeoutMs ?? DEFAULT_DECODE_TIMEOUT_MS,
    heapMegabytes: WORKER_HEAP_MEGABYTES,
    ...(opts.clock ? { clock: opts.clock } : {}),
  };

  const { bytes, sha256 } = await readSpoolFile(path, opts.maxBytes, 'inbox.maxFileMegabytes');
  if (bytes.byteLength === 0) throw emptyFile();

  const format = sniffFormat(bytes, path);
  const info = format === 'pdf' ? await inspectPdf(bytes, maxPages, limits) : await inspectTiff(bytes, maxPages, limits);
  return { format, sha256, bytes: bytes.byteLength, ...info };
}

/**
 * Reads a file the fax line left in the spool (a fax, a details file, a report) with its SHA-256, never through a link
 * and never waiting on a FIFO, and refuses it past maxBytes before reading it whole. `limitSetting` names the
 * preference behind the limit, if one is. Throws only FaxFileError.
 */
export async function readSpoolFile(path: string, maxBytes: number, limitSetting?: string): Promise<{ bytes: Uint8Array; sha256: string }> {
  const stat = await lstat(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  // lstat, not stat: a link in the spool could otherwise import (and later move) a file from anywhere on the disk.
  if (stat.isSymbolicLink()) {
    throw new FaxFileError('SYMLINK', 'The file is a symbolic link; faxdesk imports only real files, not links to files elsewhere.');
  }
  if (!stat.isFile()) {
    throw new FaxFileError('UNREADABLE', `"${basename(path)}" is ${stat.isDirectory() ? 'a folder' : 'a special file (such as a pipe)'}, not a regular file.`);
  }
  if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes, limitSetting);
  return readAndHash(path, maxBytes, limitSetting);
}

/** Reads the file in chunks, hashing as it goes; the size is checked again because the file may still be growing. */
async function readAndHash(path: string, maxBytes: number, limitSetting: string | undefined): Promise<{ bytes: Uint8Array; sha256: string }> {
  const opened = await openRegularFile(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  if (!opened) throw new FaxFileError('UNREADABLE', `"${basename(path)}" is not a regular file.`);
  const { handle } = opened;
  try {
    const hash = createHash('sha256');
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total, maxBytes, limitSetting);
      const part = chunk.subarray(0, bytesRead);
      hash.update(part);
      chunks.push(part);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const part of chunks) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    return { bytes, sha256: hash.digest('hex') };
  } catch (error) {
    throw error instanceof FaxFileError ? error : unreadable(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function sniffFormat(bytes: Uint8Array, path: string): 'pdf' | 'tiff' {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  // TIFF 6.0 section 2: "II" 42 (little-endian) or "MM" 42 (big-endian).
  if ((ascii(0, 2) === 'II' && bytes[2] === 42 && bytes[3] === 0) || (ascii(0, 2) === 'MM' && bytes[2] === 0 && bytes[3] === 42)) {
    return 'tiff';
  }
  if ((ascii(0, 2) === 'II' && bytes[2] === 43 && bytes[3] === 0) || (ascii(0, 2) === 'MM' && bytes[2] === 0 && bytes[3] === 43)) {
    throw new FaxFileError('UNSUPPORTED', 'The file is a BigTIFF image, which faxdesk cannot open; fax pages are saved as ordinary TIFF.');
  }
  // ISO 32000-1 7.5.2 puts "%PDF-" first; readers (and some fax servers) tolerate junk before it within 1024 bytes.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-')) return 'pdf';

  const ext = extname(path).toLowerCase();
  const start = describeStart(bytes);
  if (ext === '.tif' || ext === '.tiff') {
    throw new FaxFileError('NOT_A_FAX', `The file is named ${ext} but is not a TIFF image (it starts with ${start}).`);
  }
  if (ext === '.pdf') throw new FaxFileError('NOT_A_FAX', `The file is named .pdf but is not a PDF document (it starts with ${start}).`);
  throw new FaxFileError('NOT_A_FAX', `The file is neither a PDF document nor a TIFF image (it starts with ${start}).`);
}

/** Says in words what the first bytes of a file look like, so a person can tell what was dropped in the spool. */
export function describeStart(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'the signature of a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'the signature of a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'the signature of a GIF image';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'the signature of a ZIP archive, such as a Word or Excel document';
  if (starts(0x25, 0x21)) return 'the signature of a PostScript file';
  const head = bytes.subarray(0, 16);
  if (head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) {
    return `the text "${String.fromCharCode(...head).replace(/[\t\r\n]+/g, ' ')}${bytes.byteLength > 16 ? '…' : ''}"`;
  }
  return `the bytes ${Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')}`;
}

async function inspectTiff(bytes: Uint8Array, maxPages: number, limits: DecodeLimits): Promise<Omit<FaxFileInfo, 'format' | 'sha256' | 'bytes'>> {
  const layout = walkTiff(bytes, { maxPages, maxDecodedPageBytes: MAX_DECODED_PAGE_BYTES });
  layout.pages.forEach((page, index) => {
    if (!DECODABLE.has(page.compression)) {
      throw new FaxFileError(
        'UNSUPPORTED',
        `The TIFF uses ${COMPRESSION_NAMES[page.compression] ?? `an unknown (code ${page.compression})`} compression${layout.pages.length > 1 ? ` on page ${index + 1}` : ''}, ` +
          'which faxdesk cannot display; have the fax line save TIFF G3 or G4, or PDF.',
      );
    }
  });

  const outcome = await decodeTiffIsolated(layout.forDecoder, limits);
  if (!outcome.ok) throw decoderFailed('TIFF', outcome);
  const decoded = outcome.value;
  if (decoded.pages !== layout.pages.length) {
    throw new FaxFileError('CORRUPT', `The TIFF is damaged: its page directories could not be read consistently.`);
  }
  if (!(decoded.decodedBytes > 0)) {
    throw new FaxFileError('UNSUPPORTED', 'The TIFF could not be decoded: page 1 yielded no image.');
  }
  // utif completes one row per line of T.4/T.6 data; a page that stops early was cut short or garbled on the line.
  if (decoded.rowsDecoded !== null && decoded.rowsDecoded < decoded.height - Math.max(2, Math.floor(decoded.height / 100))) {
    throw new FaxFileError(
      'CORRUPT',
      `The TIFF is damaged: only ${decoded.rowsDecoded} of the ${decoded.height} lines of page 1 could be decoded.`,
    );
  }

  const info: Omit<FaxFileInfo, 'format' | 'sha256' | 'bytes'> = {
    pages: decoded.pages,
    compression: compressionName(decoded.compression),
  };
  const resolution = toDpi(decoded.xResolution, decoded.yResolution, decoded.resolutionUnit);
  if (resolution) info.resolution = resolution;
  return info;
}

/** TIFF 6.0 tag 296: 2 = inch, 3 = centimetre, 1 = no unit (then the numbers are only an aspect ratio). */
function toDpi(x: number | undefined, y: number | undefined, unit: number): { x: number; y: number } | undefined {
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || x <= 0 || y <= 0 || unit === 1) {
    return undefined;
  }
  const factor = unit === 3 ? 2.54 : 1;
  return { x: Math.round(x * factor), y: Math.round(y * factor) };
}

async function inspectPdf(bytes: Uint8Array, maxPages: number, limits: DecodeLimits): Promise<Omit<FaxFileInfo, 'format' | 'sha256' | 'bytes'>> {
  checkPdfStructure(bytes);
  const outcome = await countPdfPagesIsolated(bytes.slice().buffer, limits);
  if (!outcome.ok) {
    if (outcome.why === 'parser') {
      throw new FaxFileError('CORRUPT', `The PDF is damaged: its pages cannot be read (the PDF reader reports: ${outcome.message}).`);
    }
    throw decoderFailed('PDF', outcome);
  }
  const { pages } = outcome.value;
  if (!Number.isInteger(pages) || pages < 1) throw new FaxFileError('CORRUPT', 'The PDF is damaged: it has no pages.');
  if (pages > maxPages) {
    throw new FaxFileError('UNSUPPORTED', `The PDF has ${pages.toLocaleString('en')} pages; faxdesk accepts at most ${maxPages} pages per fax.`);
  }
  return { pages };
}

function decoderFailed(kind: 'PDF' | 'TIFF', outcome: Exclude<DecodeOutcome<unknown>, { ok: true }>): FaxFileError {
  switch (outcome.why) {
    case 'timeout':
      return new FaxFileError('UNSUPPORTED', `The ${kind} could not be read: reading it took too long (${outcome.message}); it is probably damaged.`);
    case 'memory':
      return new FaxFileError('UNSUPPORTED', `The ${kind} could not be read: it needs more memory than a fax page may; it is probably damaged.`);
    case 'crash':
      return new FaxFileError('UNSUPPORTED', `The ${kind} could not be read: the reader stopped (${outcome.message}).`);
    case 'parser':
      return new FaxFileError('UNSUPPORTED', `The ${kind} could not be decoded: ${outcome.message}.`);
  }
}

function emptyFile(): FaxFileError {
  return new FaxFileError('EMPTY', 'The file is empty (0 bytes).');
}

function tooLarge(size: number, maxBytes: number, limitSetting: string | undefined): FaxFileError {
  let file = formatSize(size, 'up');
  let limit = formatSize(maxBytes, 'near');
  // Rounded, a file just over a limit that is not a whole number of megabytes can read the same as the limit.
  if (file === limit) [file, limit] = [`${size.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')} bytes`];
  return new FaxFileError('TOO_LARGE', `The file is ${file}; the limit is ${limit}${limitSetting ? ` (${limitSetting})` : ''}.`);
}

/** Megabytes as the preference counts them (1 MB = 1,048,576 bytes). The file's size rounds up, so it never reads as equal to the limit. */
export function formatSize(bytes: number, rounding: 'up' | 'near'): string {
  const round = rounding === 'up' ? Math.ceil : Math.round;
  if (bytes >= MIB / 10) return `${String(round((bytes / MIB) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${String(round((bytes / 1024) * 10) / 10)} KB`;
  return `${bytes} bytes`;
}

function unreadable(error: unknown): FaxFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ELOOP':
    case 'EMLINK': // FreeBSD reports O_NOFOLLOW on a link this way
      return new FaxFileError('SYMLINK', 'The file is a symbolic link; faxdesk imports only real files, not links to files elsewhere.');
    case 'ENOENT':
      return new FaxFileError('UNREADABLE', 'The file disappeared before it could be read.');
    case 'EACCES':
    case 'EPERM':
      return new FaxFileError('UNREADABLE', 'faxdesk is not allowed to read the file (permission denied).');
    case 'EISDIR':
      return new FaxFileError('UNREADABLE', 'This is a folder, not a fax file.');
    default:
      return new FaxFileError('UNREADABLE', `The file could not be read (${code ?? (error instanceof Error ? error.message : String(error))}).`);
  }
}
