// Spool file names: what is ignored, what the library stores a fax as, and where a rejected file and its reason go.
import { describe, expect, it } from 'vitest';
import { isIgnoredName, rejectedNames, safeLibraryName } from '../../../main/core/inbox/spoolNames';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('isIgnoredName', () => {
  it('ignores hidden and unfinished files until the writer renames them', () => {
    expect(isIgnoredName('.fax0001.tif')).toBe(true);
    expect(isIgnoredName('fax0001.tif.part')).toBe(true);
    expect(isIgnoredName('fax0001.TMP')).toBe(true);
    expect(isIgnoredName('received/.DS_Store')).toBe(true);
    expect(isIgnoredName('')).toBe(true);
  });

  it('takes finished faxes and sidecars', () => {
    expect(isIgnoredName('fax0001.tif')).toBe(false);
    expect(isIgnoredName('fax0001.json')).toBe(false);
    expect(isIgnoredName('partner.pdf')).toBe(false); // "part" inside a name is fine
    expect(isIgnoredName('tmp-fax.pdf')).toBe(false);
  });
});

describe('safeLibraryName', () => {
  it('strips folders and ".." so a name cannot leave the library', () => {
    expect(safeLibraryName('../../etc/passwd')).toBe('passwd');
    expect(safeLibraryName('..\\..\\Windows\\system.ini')).toBe('system.ini');
    expect(safeLibraryName('received/fax..pdf')).toBe('fax.pdf');
    expect(safeLibraryName('..')).toBe('fax');
    expect(safeLibraryName('../')).toBe('fax');
  });

  it('keeps spaces and letters of every script, in one Unicode form', () => {
    expect(safeLibraryName('Fax from Müller  Ärztehaus.pdf')).toBe('Fax from Müller Ärztehaus.pdf');
    expect(safeLibraryName('Факс 東京 ☎.tif')).toBe('Факс 東京 ☎.tif');
    expect(safeLibraryName('Mu\u0308ller.pdf')).toBe('Müller.pdf'); // macOS decomposed form
  });

  it('removes what some system cannot store or would misread', () => {
    expect(safeLibraryName('a\r\nb\u0000c.pdf')).toBe('abc.pdf');
    expect(safeLibraryName('invoice: "May"?.pdf')).toBe('invoice_ _May__.pdf');
    expect(safeLibraryName('.hidden.tif')).toBe('hidden.tif');
    expect(safeLibraryName('fax. . .')).toBe('fax');
    expect(safeLibraryName('CON.pdf')).toBe('_CON.pdf');
  });

  it('is never empty', () => {
    expect(safeLibraryName('')).toBe('fax');
    expect(safeLibraryName('   ')).toBe('fax');
    expect(safeLibraryName('.pdf')).toBe('pdf');
    expect(safeLibraryName('???')).toBe('___');
    expect(safeLibraryName('\u0001\u0002')).toBe('fax');
  });

  it('limits a 300-character name to 120 bytes of UTF-8 and keeps the extension', () => {
    const ascii = safeLibraryName(`${'a'.repeat(300)}.tiff`);
    expect(bytes(ascii)).toBe(120);
    expect(ascii.endsWith('a.tiff')).toBe(true);

    const umlauts = safeLibraryName(`${'ä'.repeat(300)}.pdf`); // 2 bytes each
    expect(bytes(umlauts)).toBeLessThanOrEqual(120);
    expect(umlauts).toBe(`${'ä'.repeat(58)}.pdf`);

    const emoji = safeLibraryName(`${'👍🏽'.repeat(100)}.pdf`); // 8 bytes per grapheme: never split in half
    expect(bytes(emoji)).toBeLessThanOrEqual(120);
    expect(emoji).toBe(`${'👍🏽'.repeat(14)}.pdf`);
  });

  it('does not mistake a long dotted tail for an extension', () => {
    expect(safeLibraryName('Fax 03.12.2026 from ACME Legal')).toBe('Fax 03.12.2026 from ACME Legal');
  });
});

describe('rejectedNames', () => {
  it('keeps the name and puts the reason next to it', () => {
    expect(rejectedNames('fax0001.tif')).toEqual({ file: 'fax0001.tif', errorFile: 'fax0001.tif.error.txt' });
    expect(rejectedNames('../sent/report.json')).toEqual({ file: 'report.json', errorFile: 'report.json.error.txt' });
  });

  it('numbers a second file rejected under the same name, so the first is not replaced', () => {
    expect(rejectedNames('fax0001.tif', 2)).toEqual({ file: 'fax0001 (2).tif', errorFile: 'fax0001 (2).tif.error.txt' });
  });

  it('keeps both names within the 255 bytes a file system allows', () => {
    const long = `${'x'.repeat(250)}.pdf`;
    const { file, errorFile } = rejectedNames(long, 3);
    expect(bytes(file)).toBeLessThanOrEqual(255);
    expect(bytes(errorFile)).toBeLessThanOrEqual(255);
    expect(file.endsWith(' (3).pdf')).toBe(true);
    expect(errorFile.endsWith('.error.txt')).toBe(true);
  });
});
