// The same fax or the same sent-fax report arriving under two names at the same moment: one fax, one mail, a clean spool.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fileOps from '../../../main/core/inbox/fileOps';
import { dropFixture, makeInbox, rejectedEntries, type InboxFixture } from './support';

// Copies into the data folder can be held (below) so that two imports are both under way before either is recorded,
// the moment where a check-then-insert goes wrong; left alone, the copy is the real one.
vi.mock('../../../main/core/inbox/fileOps', async (importOriginal) => {
  const actual = await importOriginal<typeof fileOps>();
  return { ...actual, copyDurably: vi.fn(actual.copyDurably) };
});
const realCopy = (await vi.importActual<typeof fileOps>('../../../main/core/inbox/fileOps')).copyDurably;

/**
 * Holds every copy into `folder` until `count` of them are under way, or `graceMs` has passed (real time: an import
 * that must wait its turn never gets to the copy, and then the first may not wait for it forever).
 */
function holdCopiesInto(folder: string, count: number, graceMs = 1000): void {
  const waiting: Array<() => void> = [];
  vi.mocked(fileOps.copyDurably).mockImplementation(async (src, dest) => {
    if (dest.startsWith(folder + path.sep)) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length >= count) waiting.splice(0).forEach((release) => release());
        else setTimeout(resolve, graceMs);
      });
    }
    return realCopy(src, dest);
  });
}

/** The files under a folder of the data folder, as paths relative to the data folder (as the store records them). */
function libraryFiles(dataDir: string, folder: string): string[] {
  const root = path.join(dataDir, folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.posix.join(folder, path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')));
}

let fx: InboxFixture;
afterEach(() => {
  fx?.close();
  vi.mocked(fileOps.copyDurably).mockImplementation(realCopy);
});

describe('the same file under two names at once', () => {
  it('imports a document once and takes the second copy out of the spool as a duplicate, with no stray copy in the library', async () => {
    fx = await makeInbox();
    holdCopiesInto(path.join(fx.dataDir, 'faxes'), 2);
    const files = ['scan.pdf', 'scan-copy.pdf'].map((name) => dropFixture(fx.spool.received, 'pdf-1p.pdf', name));
    const outcomes = await Promise.all(files.map((file) => fx.inbox.handle(file)));

    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['duplicate', 'imported']);
    const { items } = fx.faxes.list({ limit: 10 });
    expect(items).toHaveLength(1);
    expect(fx.mail.mails.map((mail) => mail.faxId)).toEqual([items[0]!.id]);
    expect(fs.readdirSync(fx.spool.received)).toEqual([]);
    expect(Object.values(rejectedEntries(fx.spool.rejected))).toEqual([expect.stringMatching(/already imported .* as fax /)]);
    expect(libraryFiles(fx.dataDir, 'faxes')).toEqual([items[0]!.libraryPath]);
  });

  it('notifies a sent-fax report once and takes the second copy out of the spool as a duplicate', async () => {
    fx = await makeInbox();
    holdCopiesInto(path.join(fx.dataDir, 'reports'), 2);
    const report = JSON.stringify({ jobId: 'q-17', to: '+49 40 123', status: 'failed', error: 'BUSY' });
    const files = ['job17.json', 'job17-copy.json'].map((name) => path.join(fx.spool.sent, name));
    files.forEach((file) => fs.writeFileSync(file, report));
    const outcomes = await Promise.all(files.map((file) => fx.inbox.handle(file)));

    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['duplicate', 'notified']);
    expect(fx.mail.mails.map((mail) => [mail.to[0], mail.subject])).toEqual([['sent-faxes@example.com', 'Fax to +49 40 123 failed']]);
    expect(fs.readdirSync(fx.spool.sent)).toEqual([]);
    expect(fs.readdirSync(fx.spool.rejected)).toEqual([]);
    expect(libraryFiles(fx.dataDir, 'reports')).toHaveLength(1);
  });
});
