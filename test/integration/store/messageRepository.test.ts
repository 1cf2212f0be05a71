// The history the window pages through: keyset paging, filters, search and counts over a real SQLite file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath, openDatabase } from '../../../main/core/store/database';
import { MessageRepository, type NewMessage } from '../../../main/core/store/messageRepository';
import { tempDir } from '../../support/transports';

function seeded(count: number) {
  const db = openDatabase(databasePath(tempDir('faxdesk-repo-')));
  const repository = new MessageRepository(db);
  const start = Date.UTC(2026, 0, 1);
  const rows: NewMessage[] = Array.from({ length: count }, (_, i) => ({
    id: `m${String(i).padStart(4, '0')}`,
    kind: i % 3 === 0 ? 'received-fax' : 'sent-notification',
    subject: i === 42 ? 'Invoice 100% paid' : `Fax ${i}`,
    from: 'fax@example.com',
    to: [i === 7 ? 'zed@example.org' : 'ann@example.com'],
    messageId: `<m${i}@example.com>`,
    emlPath: path.join('outbox', `m${i}.eml`),
    sizeBytes: 100,
    faxId: null,
    // Pairs share a timestamp, so the seq tie-break is exercised.
    createdAt: start + Math.floor(i / 2) * 1000,
    state: i % 5 === 0 ? 'held' : 'queued',
  }));
  repository.insertMany(rows);
  return repository;
}

describe('message repository', () => {
  it('pages newest first with a cursor, never repeating or skipping a message', () => {
    const repository = seeded(125);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = repository.list({ cursor, limit: 50 });
      expect(page.total).toBe(125);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(125);
    expect(new Set(seen).size).toBe(125);
    expect(seen[0]).toBe('m0124');
    expect(seen.at(-1)).toBe('m0000');
  });

  it('filters by state and kind, and searches subject, recipient and Message-ID (LIKE wildcards taken literally)', () => {
    const repository = seeded(60);
    expect(repository.list({ states: ['held'], limit: 200 }).total).toBe(12);
    expect(repository.list({ kinds: ['received-fax'], states: ['held'], limit: 200 }).items.every((m) => m.kind === 'received-fax' && m.state === 'held')).toBe(true);
    expect(repository.list({ search: 'zed@', limit: 10 }).items.map((m) => m.id)).toEqual(['m0007']);
    expect(repository.list({ search: '100%', limit: 10 }).items.map((m) => m.id)).toEqual(['m0042']);
    expect(repository.list({ search: '<m13@', limit: 10 }).items.map((m) => m.id)).toEqual(['m0013']);
    expect(repository.list({ search: '%', limit: 10 }).items.map((m) => m.id)).toEqual(['m0042']);
  });

  it('counts messages per state and refuses a cursor it did not give out', () => {
    const repository = seeded(20);
    expect(repository.counts()).toEqual({ queued: 16, sending: 0, retryWait: 0, held: 4, failed: 0, delivered: 0, cancelled: 0, total: 20 });
    expect(() => repository.list({ cursor: 'bogus', limit: 10 })).toThrow(/cursor/);
  });

  it('resolves an id from a unique prefix for the command line', () => {
    const repository = seeded(20);
    expect(repository.resolveId('m0019')).toBe('m0019');
    expect(() => repository.resolveId('m00')).toThrow(/More than one/);
    expect(() => repository.resolveId('x')).toThrow(/no message x/);
  });
});
