// File names around the spool: which names to leave alone, a safe name for the library, and the rejected/ pair.

/** Most file systems (ext4, APFS, NTFS) allow 255 bytes (or UTF-16 units) per name. */
const NAME_MAX_BYTES = 255;
export const LIBRARY_NAME_MAX_BYTES = 120;
/** Longer "extensions" are part of the name (e.g. "Fax 03.12.2026 from ACME"). */
const MAX_EXTENSION_BYTES = 10;
const FALLBACK_STEM = 'fax';

/**
 * Names the fax line is still writing: hidden files (".fax123.tif") and temporary ones ("x.pdf.part", "x.tmp") are
 * renamed by the writer once complete; taking them earlier would import half a fax.
 */
export function isIgnoredName(name: string): boolean {
  const base = lastSegment(name);
  const lower = base.toLowerCase();
  return base === '' || base.startsWith('.') || lower.endsWith('.part') || lower.endsWith('.tmp');
}

/**
 * A name that is safe to create in the library on Linux, macOS and Windows: no folders, no "..", no control or
 * reserved characters, at most 120 bytes of UTF-8 with the extension kept, and never empty. Letters of every
 * script stay, so "Müller Ärztehaus.pdf" keeps its name.
 */
export function safeLibraryName(originalName: string): string {
  const cleaned = lastSegment(originalName)
    .normalize('NFC') // macOS hands out decomposed names; store one form so the same name compares equal
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '')
    .replace(/[<>:"|?*]/g, '_') // reserved on Windows
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '') // a leading dot would hide the file, and the spool would ignore it
    .replace(/[\s.]+$/, ''); // Windows drops trailing dots and spaces, so two names would collide
  const { stem, ext } = splitExtension(cleaned);
  let safeStem = stem.trim() || FALLBACK_STEM;
  // Windows reserves these device names with any extension (Microsoft, "Naming Files, Paths, and Namespaces").
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(safeStem)) safeStem = `_${safeStem}`;
  return `${truncateUtf8(safeStem, LIBRARY_NAME_MAX_BYTES - byteLength(ext)).trim() || FALLBACK_STEM}${ext}`;
}

/**
 * Where a file that cannot be imported goes in rejected/, and the text file that says why. A second file rejected
 * under the same name must not replace the first, so `attempt` (1, 2, …) numbers further copies: "fax (2).pdf".
 */
export function rejectedNames(name: string, attempt = 1): { file: string; errorFile: string } {
  const base = lastSegment(name) || FALLBACK_STEM;
  const suffix = attempt > 1 ? ` (${attempt})` : '';
  const { stem, ext } = splitExtension(base);
  const file = `${truncateUtf8(stem, NAME_MAX_BYTES - byteLength(ext) - byteLength(suffix))}${suffix}${ext}`;
  const errorSuffix = '.error.txt';
  const errorFile = `${truncateUtf8(file, NAME_MAX_BYTES - errorSuffix.length)}${errorSuffix}`;
  return { file, errorFile };
}

/** The last part of a path written with either kind of slash: the spool may hold names from Windows tools. */
function lastSegment(name: string): string {
  const parts = name.split(/[/\\]/);
  const last = parts[parts.length - 1] ?? '';
  return last === '.' || last === '..' ? '' : last;
}

function splitExtension(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { stem: name, ext: '' };
  const ext = name.slice(dot);
  if (byteLength(ext) > MAX_EXTENSION_BYTES || /\s/.test(ext) || ext === '.') return { stem: name, ext: '' };
  return { stem: name.slice(0, dot), ext };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts at a whole character (grapheme), so "é" or an emoji is never split into invalid bytes. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    const size = byteLength(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}
