// The opening list's first page, asked for before its view exists: taken once by the list of the same key, and never
// given out once the list changed after it was asked for (the view then asks main itself).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askEarly, earlyPagesArrived, takeEarly } from '../../../renderer/api/earlyPages';
import { ok } from '../../../shared/result';

const page = ok({ items: [{ id: 'm1' }], nextCursor: null, total: 1 });

function changes() {
  const listeners = new Set<() => void>();
  return { listeners, subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)) };
}

describe('early first pages', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the page to the list of its key, once, and stops listening', async () => {
    const events = changes();
    askEarly('sent:{}', async () => page, events.subscribe);
    expect(takeEarly('received:{}')).toBeUndefined();
    expect(await takeEarly('sent:{}')).toEqual(page);
    expect(takeEarly('sent:{}')).toBeUndefined();
    expect(events.listeners.size).toBe(0);
  });

  it('gives a page that has arrived as itself, so the list has its rows in its first draw', async () => {
    askEarly('sent:{}', async () => page, changes().subscribe);
    await earlyPagesArrived(1_000);
    expect(takeEarly('sent:{}')).toEqual(page);
  });

  it('lets the first draw wait for the early pages until they arrive, and never past the limit', async () => {
    vi.useFakeTimers();
    const events = changes();
    let answer!: (value: typeof page) => void;
    askEarly('sent:{}', () => new Promise<typeof page>((resolve) => (answer = resolve)), events.subscribe);
    let waited = false;
    void earlyPagesArrived(200).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(150);
    expect(waited).toBe(false);
    answer(page);
    await vi.advanceTimersByTimeAsync(0);
    expect(waited).toBe(true);

    // Main does not answer: the window draws without the rows once the limit has passed since the page was asked for.
    askEarly('received:{}', () => new Promise<typeof page>(() => {}), events.subscribe);
    await vi.advanceTimersByTimeAsync(120);
    waited = false;
    void earlyPagesArrived(200).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(79);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waited).toBe(true);
    expect(takeEarly('received:{}')).toBeInstanceOf(Promise);
    takeEarly('sent:{}');
  });

  it('drops the page when the list changes before it is taken, or when no list takes it for ten seconds', () => {
    vi.useFakeTimers();
    const events = changes();
    askEarly('sent:{}', async () => page, events.subscribe);
    events.listeners.forEach((listener) => listener());
    expect(takeEarly('sent:{}')).toBeUndefined();

    askEarly('received:{}', async () => page, events.subscribe);
    vi.advanceTimersByTime(10_000);
    expect(takeEarly('received:{}')).toBeUndefined();
    expect(events.listeners.size).toBe(0);
  });
});

describe('the opening request', () => {
  it('asks for exactly the page the unfiltered history and fax list take (same name, same query, first page size)', async () => {
    const { askOpeningPage } = await import('../../../renderer/api/openingPage');
    const { historyOpening } = await import('../../../renderer/views/SentView');
    const { faxesOpening } = await import('../../../renderer/views/ReceivedView');
    const { firstPageSize } = await import('../../../renderer/api/pagedRows');
    const asked: unknown[] = [];
    const api = {
      messages: { list: async (params: unknown) => (asked.push(['messages', params]), page), onDidChange: () => () => undefined },
      faxes: { list: async (params: unknown) => (asked.push(['faxes', params]), page), onDidChange: () => () => undefined },
    } as unknown as Parameters<typeof askOpeningPage>[0];
    askOpeningPage(api, { section: 'sent' });
    askOpeningPage(api, { section: 'received' });
    askOpeningPage(api, { section: 'outbox' });
    expect(asked).toEqual([
      ['messages', { ...historyOpening.params, cursor: null, limit: firstPageSize }],
      ['faxes', { ...faxesOpening.params, cursor: null, limit: firstPageSize }],
    ]);
    expect(await takeEarly(`${historyOpening.name}:${JSON.stringify(historyOpening.params)}`)).toEqual(page);
    expect(await takeEarly(`${faxesOpening.name}:${JSON.stringify(faxesOpening.params)}`)).toEqual(page);
  });
});
