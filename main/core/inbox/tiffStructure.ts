// Walks a TIFF's page directories with hard bounds before any decoder sees the file, because utif follows offsets unchecked.
import { FaxFileError } from './faxFileError';

/** What the walk learned about one page (one IFD). */
export interface TiffPage {
  compression: number;
  width?: number;
  height?: number;
}

export interface TiffLayout {
  pages: TiffPage[];
  /**
   * A copy of the file for utif, with the tags it would recurse into (SubIFDs, EXIF, maker notes, DNG private data)
   * renamed to a private tag: a fax page never needs them, and utif follows them without any loop or bounds check.
   */
  forDecoder: ArrayBuffer;
}

export interface TiffLimits {
  maxPages: number;
  /** Bytes of one decoded page (utif allocates height × row bytes up front, outside the worker's heap limit). */
  maxDecodedPageBytes: number;
}

// TIFF 6.0 section 2: field types and their sizes in bytes (13 = IFD, from the TIFF Technical Note 1).
const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const FOLLOWED_BY_UTIF = new Set([330, 34665, 37500, 50740]);
const NEUTRAL_TAG = 65000; // in the private range (TIFF 6.0: 32768-65535), which utif ignores
/** utif reads every value of every field into JS arrays; a crafted count would keep it busy for minutes. */
const MAX_VALUES_PER_FILE = 8_000_000;

const damaged = (why: string) => new FaxFileError('CORRUPT', `The TIFF is damaged: ${why}.`);

export function walkTiff(bytes: Uint8Array, limits: TiffLimits): TiffLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  if (size < 8) throw damaged('it ends inside its 8-byte header');
  const little = bytes[0] === 0x49; // "II"; "MM" is big-endian
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const copy = bytes.slice().buffer;
  const copyView = new DataView(copy);

  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let valuesRead = 0;
  let ifdOffset = u32(4);
  if (ifdOffset === 0) throw damaged('it has no pages');

  while (ifdOffset !== 0) {
    const pageNo = pages.length + 1;
    if (seen.has(ifdOffset)) throw damaged(`its list of pages loops back on itself after page ${pages.length}`);
    seen.add(ifdOffset);
    if (pages.length >= limits.maxPages) {
      throw new FaxFileError('UNSUPPORTED', `The TIFF has more than ${limits.maxPages} pages; faxdesk accepts at most ${limits.maxPages} pages per fax.`);
    }
    if (ifdOffset + 2 > size) throw damaged(`the directory of page ${pageNo} lies past the end of the file (the file was probably cut short)`);
    const count = u16(ifdOffset);
    const end = ifdOffset + 2 + count * 12;
    if (end + 4 > size) throw damaged(`the directory of page ${pageNo} runs past the end of the file (the file was probably cut short)`);

    const fields = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const at = ifdOffset + 2 + i * 12;
      const tag = u16(at);
      const type = u16(at + 2);
      const n = u32(at + 4);
      const unit = TYPE_SIZE[type];
      if (FOLLOWED_BY_UTIF.has(tag)) copyView.setUint16(at, NEUTRAL_TAG, little);
      if (unit === undefined) continue; // utif skips types it does not know, and so can we
      valuesRead += n;
      if (valuesRead > MAX_VALUES_PER_FILE) throw damaged(`page ${pageNo} declares more values than any fax can hold`);
      const valueAt = n * unit <= 4 ? at + 8 : u32(at + 8);
      if (valueAt + n * unit > size) {
        throw damaged(`a field of page ${pageNo} (tag ${tag}) points past the end of the file (the file was probably cut short)`);
      }
      // Only the short and long integer fields a page's layout needs are read here.
      if (type === 3 || type === 4) {
        const values: number[] = [];
        for (let j = 0; j < n && j < 1_000_000; j++) values.push(type === 3 ? u16(valueAt + 2 * j) : u32(valueAt + 4 * j));
        fields.set(tag, values);
      }
    }
    pages.push(checkPage(fields, pageNo, size, limits));
    ifdOffset = u32(end);
  }
  return { pages, forDecoder: copy };
}

function checkPage(fields: Map<number, number[]>, pageNo: number, size: number, limits: TiffLimits): TiffPage {
  const first = (tag: number) => fields.get(tag)?.[0];
  const width = first(256);
  const height = first(257);
  const compression = first(259) ?? 1;
  if (!width || !height) throw damaged(`page ${pageNo} has no image size (width or height is missing)`);

  const bitsPerSample = fields.get(258) ?? [1];
  const bitsPerPixel = Math.min(32, bitsPerSample[0] ?? 1) * Math.max(bitsPerSample.length, first(277) ?? 1);
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  if (rowBytes * height > limits.maxDecodedPageBytes) {
    throw new FaxFileError(
      'UNSUPPORTED',
      `Page ${pageNo} of the TIFF is ${width} × ${height} pixels, far larger than a fax page; faxdesk does not open images that large.`,
    );
  }

  const tiled = fields.has(322);
  const offsets = fields.get(tiled ? 324 : 273) ?? [];
  const counts = fields.get(tiled ? 325 : 279) ?? [];
  if (offsets.length === 0) throw damaged(`page ${pageNo} has no image data`);
  if (tiled && (first(322) ?? 0) * (first(323) ?? 0) * bitsPerPixel > limits.maxDecodedPageBytes * 8) {
    throw new FaxFileError('UNSUPPORTED', `Page ${pageNo} of the TIFF uses tiles larger than any fax page; faxdesk does not open it.`);
  }
  // An uncompressed single strip may omit its byte count (utif computes it); every other strip must say how long it is.
  if (counts.length < offsets.length && !(compression === 1 && offsets.length === 1)) {
    throw damaged(`page ${pageNo} does not say how long its image data is`);
  }
  for (let i = 0; i < offsets.length; i++) {
    const length = counts[i] ?? rowBytes * height;
    if ((offsets[i] ?? 0) + length > size) {
      throw damaged(`the image data of page ${pageNo} runs past the end of the file (the file was probably cut short)`);
    }
  }
  return { compression, width, height };
}
