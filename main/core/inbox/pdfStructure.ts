// Checks the end of a PDF for its trailer, because pdf-lib reads a cut-short PDF without complaint.
import { FaxFileError } from './faxFileError';

/**
 * ISO 32000-1 7.5.5: a PDF ends with "startxref", the offset of its cross-reference section, and "%%EOF".
 * A file that lacks them was almost always cut short while being written or copied. pdf-lib (which scans objects
 * rather than following the xref) would still count the pages it happened to get, so the check is made here.
 */
export function checkPdfStructure(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 2048));
  const startxref = tail.lastIndexOf('startxref');
  if (startxref < 0) {
    throw new FaxFileError('CORRUPT', 'The PDF is damaged: it ends before its cross-reference table (the file was probably cut short).');
  }
  const after = tail.subarray(startxref + 'startxref'.length).toString('latin1');
  const offset = /^\s*(\d{1,15})/.exec(after)?.[1];
  if (offset === undefined) {
    throw new FaxFileError('CORRUPT', 'The PDF is damaged: it ends before the position of its cross-reference table (the file was probably cut short).');
  }
  if (Number(offset) >= bytes.byteLength) {
    throw new FaxFileError('CORRUPT', 'The PDF is damaged: its cross-reference table would lie past the end of the file (the file was probably cut short).');
  }
  if (!after.includes('%%EOF')) {
    throw new FaxFileError('CORRUPT', 'The PDF is damaged: it ends before its end-of-file marker (the file was probably cut short).');
  }
}
