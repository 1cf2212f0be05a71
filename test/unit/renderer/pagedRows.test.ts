// The rows behind the two long lists: paging from a keyset-cursored source, the window that keeps the heap small, and
// live patches, checked through what the list would draw (a row or a placeholder at each index) and what it asks main.
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PagedRows, type Page } from '../../../renderer/api/pagedRows';
import { newestFirst } from '../../../renderer/api/usePagedList';
import { err, ok, type Result } from '../../../shared/result';

interface Row {
  id: string;
  at: string;
  state: string;
}

const order = newestFirst<Row>((row) => row.at);
const rowAt = (n: number): Row => ({ id: `m${String(n).padStart(6, '0')}`, at: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(), state: 'delivered' });

/** Main's side: rows newest first, a cursor that names the last row given (so it still works after rows change). */
function source(count: number) {
  let rows = Array.from({ length: count }, (_, n) => rowAt(n)).sort(order);
  const calls: Array<{ cursor: string | null; limit: number }> = [];
  return {
    calls,
    put(row: Row) {
      rows = [...rows.filter((candidate) => candidate.id !== row.id), row].sort(order);
    },
    async fetch(cursor: string | null, limit: number): Promise<Result<Page<Row>>> {
      calls.push({ cursor, limit });
      const after = cursor === null ? rows : rows.filter((row) => order(row, JSON.parse(cursor) as Row) > 0);
      const items = after.slice(0, limit);
      return ok({ items, nextCursor: items.length === limit && after.length > limit ? JSON.stringify(items.at(-1)) : null, total: rows.length });
    },
  };
}

async function settled(rows: PagedRows<Row>): Promise<void> {
  for (let i = 0; i < 2_000; i++) await tick();
  expect(rows.status).toBe('ready');
}

/** What a list drawing rows `from` … `to` shows: each row's id, or "…" for a placeholder. */
const drawn = (rows: PagedRows<Row>, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => rows.itemAt(from + i)?.id ?? '…');
/** Scrolls from the top to the end `step` rows at a time, as the list asks: 60 rows either side of the screen. */
async function scrollThrough(rows: PagedRows<Row>, total: number, step: number, check: (first: number) => void = () => {}): Promise<void> {
  for (let first = 0; first < total; first += step) {
    rows.ensure(first + 60, Math.max(0, first - 60));
    await settled(rows);
    check(first);
  }
}

const loadedCount = (rows: PagedRows<Row>, total: number) => Array.from({ length: total }, (_, i) => rows.itemAt(i)).filter(Boolean).length;

describe('PagedRows', () => {
  it('keeps every row when not windowed, as the Outbox table needs', async () => {
    const main = source(700);
    const rows = new PagedRows(main.fetch, order, () => {});
    rows.ensure(650);
    await settled(rows);
    expect(rows.total).toBe(700);
    expect(rows.loadedFromTop).toHaveLength(700);
    expect(main.calls.map((call) => call.limit)).toEqual([50, 200, 200, 200, 200]);
  });

  it('starts from a first page asked for early instead of asking again', async () => {
    const main = source(100);
    const early = main.fetch(null, 50);
    main.calls.length = 0;
    const rows = new PagedRows(main.fetch, order, () => {}, Infinity, early);
    rows.ensure(10);
    await settled(rows);
    expect(drawn(rows, 0, 1)).toEqual(['m000099', 'm000098']);
    expect(main.calls).toEqual([]);
  });

  it('has the rows of an early page that already arrived from the start, for the window\'s first draw', async () => {
    const main = source(100);
    const arrived = await main.fetch(null, 50);
    main.calls.length = 0;
    let changes = 0;
    const rows = new PagedRows(main.fetch, order, () => changes++, Infinity, arrived);
    // Before any turn of the event loop: what the first draw shows.
    expect(rows.status).toBe('ready');
    expect(rows.total).toBe(100);
    expect(drawn(rows, 0, 1)).toEqual(['m000099', 'm000098']);
    expect(drawn(rows, 49, 50)).toEqual(['m000050', '…']);
    rows.ensure(60);
    await settled(rows);
    expect(drawn(rows, 50, 51)).toEqual(['m000049', 'm000048']);
    expect(main.calls).toEqual([{ cursor: JSON.stringify(rowAt(50)), limit: 200 }]);
    expect(changes).toBe(1);
  });

  it('shows the failure of an early page that arrived failed', () => {
    const rows = new PagedRows<Row>(source(10).fetch, order, () => {}, Infinity, err('E_UNAVAILABLE', 'faxdesk is starting or stopping; try again in a moment.'));
    expect(rows.status).toBe('failed');
    expect(rows.error?.code).toBe('E_UNAVAILABLE');
    expect(drawn(rows, 0, 0)).toEqual(['…']);
  });

  it('scrolled through a long list, keeps only the rows near the screen and draws placeholders above them', async () => {
    const main = source(5_000);
    const rows = new PagedRows(main.fetch, order, () => {}, 1_000);
    await scrollThrough(rows, 5_000, 100);
    rows.ensure(4_999, 4_970);
    await settled(rows);
    expect(rows.total).toBe(5_000);
    expect(drawn(rows, 4_997, 4_999)).toEqual(['m000002', 'm000001', 'm000000']);
    expect(drawn(rows, 0, 1)).toEqual(['…', '…']);
    expect(loadedCount(rows, 5_000)).toBeLessThanOrEqual(1_000);
  });

  it('asks main again for a dropped page when the user scrolls back to it, and patches still land', async () => {
    const main = source(3_000);
    const rows = new PagedRows(main.fetch, order, () => {}, 1_000);
    await scrollThrough(rows, 3_000, 200);
    expect(drawn(rows, 0, 0)).toEqual(['…']);

    // While the top is dropped, a row there changes in main and a new row arrives: the list hears of both.
    const changed = { ...rowAt(2_999), state: 'failed' };
    const arrived = rowAt(3_000);
    main.put(changed);
    main.put(arrived);
    rows.patch([changed, arrived], () => true);

    main.calls.length = 0;
    rows.ensure(30, 0);
    await settled(rows);
    expect(main.calls[0]).toEqual({ cursor: null, limit: 50 });
    expect(drawn(rows, 0, 2)).toEqual(['m003000', 'm002999', 'm002998']);
    expect(rows.itemAt(1)?.state).toBe('failed');

    // A patch on a loaded row replaces it in place; one that leaves the list takes its row out.
    rows.patch([{ ...rowAt(2_998), state: 'queued' }], () => true);
    expect(rows.itemAt(2)?.state).toBe('queued');
    rows.patch([{ ...rowAt(2_997), state: 'cancelled' }], (row) => row.state !== 'cancelled');
    expect(drawn(rows, 2, 3)).toEqual(['m002998', 'm002996']);

    // Down again to the end: the rows are there, in order, without gaps or repeats.
    await scrollThrough(rows, 3_000, 200, (first) => {
      const shown = drawn(rows, first, Math.min(first + 59, rows.total - 1));
      expect(shown).not.toContain('…');
      expect(new Set(shown).size).toBe(shown.length);
    });
  });

  it('jumps back to a part seen before (End, then Home, then End) without paging through the rows between', async () => {
    const main = source(2_000);
    const rows = new PagedRows(main.fetch, order, () => {}, 400);
    rows.ensure(1_999, 1_940);
    await settled(rows);
    expect(drawn(rows, 1_999, 1_999)).toEqual(['m000000']);
    rows.ensure(60, 0);
    await settled(rows);
    expect(drawn(rows, 0, 0)).toEqual(['m001999']);
    main.calls.length = 0;
    rows.ensure(1_999, 1_940);
    await settled(rows);
    expect(drawn(rows, 1_999, 1_999)).toEqual(['m000000']);
    expect(main.calls.length).toBeLessThanOrEqual(2);
  });
});
