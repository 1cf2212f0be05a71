// inspectFaxFile on the real fax fixtures and on every kind of bad file a spool folder can receive.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/core/clock';
import { FaxFileError, formatSize, inspectFaxFile } from '../../../main/core/inbox/faxFile';

const FIXTURES = join(import.meta.dirname, '../../fixtures/faxes');
const MB = 1024 * 1024;
const opts = { maxBytes: 50 * MB };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faxdesk-faxfile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => join(FIXTURES, name);
function place(name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
async function failure(path: string, options: Parameters<typeof inspectFaxFile>[1] = opts): Promise<FaxFileError> {
  const error = await inspectFaxFile(path, options).then(
    (info) => new Error(`expected a refusal, got ${JSON.stringify(info)}`),
    (e: unknown) => e,
  );
  if (!(error instanceof FaxFileError)) throw error;
  return error;
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A small deterministic generator, so "random" bad files are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Reads a TIFF's IFDs the simple way, to patch fields of the fixtures in tests. */
function tiffEntries(bytes: Uint8Array): Array<{ page: number; tag: number; at: number; nextAt: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const out: Array<{ page: number; tag: number; at: number; nextAt: number }> = [];
  let ifd = view.getUint32(4, le);
  for (let page = 1; ifd !== 0; page++) {
    const n = view.getUint16(ifd, le);
    const nextAt = ifd + 2 + n * 12;
    for (let i = 0; i < n; i++) out.push({ page, tag: view.getUint16(ifd + 2 + i * 12, le), at: ifd + 2 + i * 12, nextAt });
    ifd = view.getUint32(nextAt, le);
  }
  return out;
}
function patchTiff(name: string, patch: (view: DataView, le: boolean, entries: ReturnType<typeof tiffEntries>, bytes: Uint8Array) => void): Uint8Array {
  const bytes = new Uint8Array(readFileSync(fixture(name)));
  patch(new DataView(bytes.buffer), bytes[0] === 0x49, tiffEntries(bytes), bytes);
  return bytes;
}
const entry = (entries: ReturnType<typeof tiffEntries>, tag: number, page = 1) => {
  const found = entries.find((e) => e.tag === tag && e.page === page);
  if (!found) throw new Error(`fixture has no tag ${tag} on page ${page}`);
  return found;
};

describe('inspectFaxFile on real fax files', () => {
  it.each([
    ['g4-normal-1p.tif', 1, 'G4', { x: 204, y: 98 }],
    ['g4-fine-3p.tif', 3, 'G4', { x: 204, y: 196 }],
    ['g3-normal-3p.tif', 3, 'G3', { x: 204, y: 98 }],
    ['g3-fine-1p.tif', 1, 'G3', { x: 204, y: 196 }],
    ['g3-2d-lsb-1p.tif', 1, 'G3', { x: 204, y: 98 }],
    ['g3-strips-1p.tif', 1, 'G3', { x: 204, y: 98 }],
    ['g4-bigendian-3p.tif', 3, 'G4', { x: 204, y: 98 }],
  ])('%s: TIFF, %i page(s), %s, %o dpi', async (name, pages, compression, resolution) => {
    const info = await inspectFaxFile(fixture(name), opts);
    expect(info).toEqual({
      format: 'tiff',
      pages,
      compression,
      resolution,
      bytes: readFileSync(fixture(name)).byteLength,
      sha256: sha256(fixture(name)),
    });
  });

  it.each([
    ['pdf-1p.pdf', 1],
    ['pdf-3p.pdf', 3],
    ['tiff2pdf-g4-3p.pdf', 3],
  ])('%s: PDF with %i page(s)', async (name, pages) => {
    const info = await inspectFaxFile(fixture(name), opts);
    expect(info).toEqual({ format: 'pdf', pages, bytes: readFileSync(fixture(name)).byteLength, sha256: sha256(fixture(name)) });
  });

  it('gives the same SHA-256 every time, and a different one for different content', async () => {
    const a = await inspectFaxFile(fixture('g4-normal-1p.tif'), opts);
    const b = await inspectFaxFile(fixture('g4-normal-1p.tif'), opts);
    const c = await inspectFaxFile(fixture('g4-fine-3p.tif'), opts);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('hashes a file larger than one read chunk correctly (streamed in pieces)', async () => {
    // 3-page PDF with 700 kB of comment padding before the trailer: several 256 kB chunks, still a valid PDF
    const original = readFileSync(fixture('pdf-3p.pdf'));
    const padded = Buffer.concat([original, Buffer.from('\n%' + 'x'.repeat(700_000) + '\n')]);
    const trailer = original.subarray(original.lastIndexOf('startxref'));
    const path = place('padded.pdf', Buffer.concat([padded, trailer]));
    const info = await inspectFaxFile(path, opts);
    expect(info.sha256).toBe(sha256(path));
    expect(info.bytes).toBe(readFileSync(path).byteLength);
  });

  it('goes by the content, not the name: a TIFF named .pdf is a TIFF', async () => {
    const path = join(dir, 'really-a-tiff.pdf');
    copyFileSync(fixture('g4-normal-1p.tif'), path);
    expect(await inspectFaxFile(path, opts)).toMatchObject({ format: 'tiff', pages: 1, compression: 'G4' });
  });
});

describe('inspectFaxFile refuses bad files with a reason', () => {
  it('an empty file', async () => {
    const error = await failure(place('empty.pdf', ''));
    expect(error.code).toBe('EMPTY');
    expect(error.message).toBe('The file is empty (0 bytes).');
  });

  it('a file over the size limit, without reading it', async () => {
    const path = place('huge.tif', '');
    truncateSync(path, Math.round(72.4 * MB)); // sparse: the size is real, the disk is not used
    const error = await failure(path);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('The file is 72.4 MB; the limit is 50 MB (inbox.maxFileMegabytes).');
  });

  it('a file one byte over the limit never reads as equal to it', async () => {
    const error = await failure(fixture('pdf-1p.pdf'), { maxBytes: 1305 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('The file is 1,306 bytes; the limit is 1,305 bytes (inbox.maxFileMegabytes).');
    expect(formatSize(50 * MB + 1, 'up')).toBe('50.1 MB');
  });

  it('a symbolic link, without following it', async () => {
    const link = join(dir, 'link.tif');
    symlinkSync(fixture('g4-normal-1p.tif'), link);
    const error = await failure(link);
    expect(error.code).toBe('SYMLINK');
    expect(error.message).toMatch(/symbolic link/);
    const dangling = join(dir, 'dangling.pdf');
    symlinkSync(join(dir, 'nowhere.pdf'), dangling);
    expect((await failure(dangling)).code).toBe('SYMLINK');
  });

  it('a folder and a missing file', async () => {
    mkdirSync(join(dir, 'folder.tif'));
    expect(await failure(join(dir, 'folder.tif'))).toMatchObject({ code: 'UNREADABLE', message: '"folder.tif" is a folder, not a regular file.' });
    expect(await failure(join(dir, 'gone.tif'))).toMatchObject({ code: 'UNREADABLE', message: 'The file disappeared before it could be read.' });
  });

  it('random bytes named .tif', async () => {
    const random = seeded(7);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    bytes[0] = 0x9c; // not "I", "M", "%" or a known signature
    const error = await failure(place('noise.tif', bytes));
    expect(error.code).toBe('NOT_A_FAX');
    expect(error.message).toMatch(/^The file is named \.tif but is not a TIFF image \(it starts with the bytes 9C( [0-9A-F]{2}){7}\)\.$/);
  });

  it('other things dropped in the spool, described by what they are', async () => {
    expect((await failure(place('letter.pdf', 'Dear customer, please find attached'))).message).toBe(
      'The file is named .pdf but is not a PDF document (it starts with the text "Dear customer, p…").',
    );
    expect((await failure(place('scan.tiff', Buffer.from('89504e470d0a1a0a0000', 'hex')))).message).toBe(
      'The file is named .tiff but is not a TIFF image (it starts with the signature of a PNG image).',
    );
    expect((await failure(place('invoice.docx', Buffer.from('504b030414000600', 'hex')))).message).toBe(
      'The file is neither a PDF document nor a TIFF image (it starts with the signature of a ZIP archive, such as a Word or Excel document).',
    );
  });

  it('a truncated PDF', async () => {
    const whole = readFileSync(fixture('pdf-3p.pdf'));
    const error = await failure(place('cut.pdf', whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toBe('The PDF is damaged: it ends before its cross-reference table (the file was probably cut short).');
  });

  it('a PDF cut off just before its end-of-file marker', async () => {
    const whole = readFileSync(fixture('pdf-1p.pdf'));
    const error = await failure(place('cut-eof.pdf', whole.subarray(0, whole.lastIndexOf('%%EOF'))));
    expect(error).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/ends before its end-of-file marker/) });
  });

  it('a PDF whose body is garbled but whose trailer is intact', async () => {
    const whole = Buffer.from(readFileSync(fixture('pdf-3p.pdf')));
    const random = seeded(11);
    const bodyEnd = whole.lastIndexOf('xref');
    for (let i = 16; i < bodyEnd; i++) whole[i] = 0x20 + Math.floor(random() * 90);
    const error = await failure(place('garbled.pdf', whole));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/^The PDF is damaged: /);
  });

  it('a TIFF in JBIG, a real fax compression that utif cannot decode', async () => {
    const error = await failure(fixture('jbig-1p.tif'));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toBe('The TIFF uses JBIG compression, which faxdesk cannot display; have the fax line save TIFF G3 or G4, or PDF.');
  });

  it('a TIFF in modified Huffman (compression 2), which utif would silently decode as a blank page', async () => {
    const bytes = patchTiff('g4-normal-1p.tif', (view, le, entries) => view.setUint16(entry(entries, 259).at + 8, 2, le));
    expect(await failure(place('mh.tif', bytes))).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/uses MH compression/) });
  });

  it('a TIFF whose header utif reads but whose image its decoder rejects', async () => {
    // G4 data labelled as JPEG: utif's JPEG decoder throws on it
    const bytes = patchTiff('g4-normal-1p.tif', (view, le, entries) => view.setUint16(entry(entries, 259).at + 8, 7, le));
    const error = await failure(place('jpeg-label.tif', bytes));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/^The TIFF could not be decoded: .*JPEG/);
  });

  it('a TIFF whose G4 data stops half way down page 1', async () => {
    const bytes = patchTiff('g4-normal-1p.tif', (view, le, entries, raw) => {
      const offset = view.getUint32(entry(entries, 273).at + 8, le);
      const length = view.getUint32(entry(entries, 279).at + 8, le);
      raw.fill(0, offset + Math.floor(length / 2), offset + length); // zeros are no valid T.6 code
    });
    const error = await failure(place('half-g4.tif', bytes));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/^The TIFF is damaged: only \d+ of the 1143 lines of page 1 could be decoded\.$/);
  });

  it('a truncated multi-page TIFF', async () => {
    const whole = readFileSync(fixture('g3-normal-3p.tif'));
    const error = await failure(place('cut.tif', whole.subarray(0, Math.floor(whole.length * 0.5))));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/^The TIFF is damaged: .*\(the file was probably cut short\)\.$/);
  });

  it('a TIFF whose page list loops back on itself (utif would loop forever)', async () => {
    const bytes = patchTiff('g4-fine-3p.tif', (view, le, entries) => {
      const last = entries.filter((e) => e.page === 3)[0]!;
      view.setUint32(last.nextAt, view.getUint32(4, le), le);
    });
    const error = await failure(place('loop.tif', bytes));
    expect(error).toMatchObject({ code: 'CORRUPT', message: 'The TIFF is damaged: its list of pages loops back on itself after page 3.' });
  });

  it('a TIFF claiming a page far larger than any fax', async () => {
    const bytes = patchTiff('g4-normal-1p.tif', (view, le, entries) => {
      for (const tag of [256, 257]) {
        const e = entry(entries, tag);
        view.setUint16(e.at + 2, 4, le); // LONG
        view.setUint32(e.at + 8, 60_000, le);
      }
    });
    const error = await failure(place('giant.tif', bytes));
    expect(error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/60000 × 60000 pixels, far larger than a fax page/) });
  });

  it('a TIFF with a field count that would keep utif busy for minutes', async () => {
    const bytes = patchTiff('g4-normal-1p.tif', (view, le, entries) => view.setUint32(entry(entries, 273).at + 4, 0x7fffffff, le));
    expect((await failure(place('count.tif', bytes))).code).toBe('CORRUPT');
  });

  it('more pages than a fax can have', async () => {
    const error = await failure(fixture('g4-fine-3p.tif'), { ...opts, maxPages: 2 });
    expect(error).toMatchObject({ code: 'UNSUPPORTED', message: 'The TIFF has more than 2 pages; faxdesk accepts at most 2 pages per fax.' });
    const pdf = await failure(fixture('pdf-3p.pdf'), { ...opts, maxPages: 2 });
    expect(pdf).toMatchObject({ code: 'UNSUPPORTED', message: 'The PDF has 3 pages; faxdesk accepts at most 2 pages per fax.' });
  });

  it('gives up on a parser that does not finish in time, and the engine goes on', async () => {
    // A clock whose timers fire at once stands in for a decoder stuck on a hostile file.
    const impatient: Clock = {
      now: () => 0,
      setTimeout: (fn) => {
        setImmediate(fn);
        return { cancel: () => undefined };
      },
    };
    const error = await failure(fixture('g3-fine-1p.tif'), { ...opts, decodeTimeoutMs: 5, clock: impatient });
    expect(error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/^The TIFF could not be read: reading it took too long/) });
    expect((await inspectFaxFile(fixture('g3-fine-1p.tif'), opts)).pages).toBe(1);
  });

  it('never throws anything but a FaxFileError on mangled fax files', async () => {
    const random = seeded(2026);
    for (const name of ['g4-normal-1p.tif', 'g3-2d-lsb-1p.tif', 'pdf-1p.pdf']) {
      const original = readFileSync(fixture(name));
      for (let round = 0; round < 12; round++) {
        const bytes = Buffer.from(original);
        const flips = 1 + Math.floor(random() * 40);
        for (let i = 0; i < flips; i++) bytes[4 + Math.floor(random() * (bytes.length - 4))] = Math.floor(random() * 256);
        const path = place(`mangled-${round}-${name}`, bytes);
        const outcome = await inspectFaxFile(path, { ...opts, decodeTimeoutMs: 5000 }).catch((e: unknown) => e);
        if (outcome instanceof Error) expect(outcome).toBeInstanceOf(FaxFileError);
        else expect(outcome).toMatchObject({ sha256: sha256(path) });
      }
    }
  }, 60_000);
});
