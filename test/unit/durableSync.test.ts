// CoalescedSync: callers share syncs, each returns only after a sync that started after its call, and one failed sync
// is reported to its own callers only, never to the ones that asked for the next.
import { describe, expect, it } from 'vitest';
import { CoalescedSync } from '../../main/core/durableSync';

function controlledSyncs() {
  const calls: Array<{ resolve(): void; reject(error: Error): void }> = [];
  const sync = new CoalescedSync(
    () =>
      new Promise<void>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { sync, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedSync', () => {
  it('shares one following sync among every caller that arrived while one ran', async () => {
    const { sync, calls } = controlledSyncs();
    const first = sync.sync();
    const second = sync.sync();
    const third = sync.sync();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    await first;
    await settle();
    // The second and third callers wrote after the first sync started: they wait for one more, shared.
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
    expect(calls).toHaveLength(2);
  });

  it('runs a fresh sync for callers that arrived while a failing one ran, and keeps working after it', async () => {
    const { sync, calls } = controlledSyncs();
    const failing = sync.sync();
    const waiting = sync.sync();
    calls[0]!.reject(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await expect(waiting).resolves.toBeUndefined();

    // Later callers while another sync runs are not handed the old failure either.
    const running = sync.sync();
    const later = sync.sync();
    calls[2]!.resolve();
    await running;
    await settle();
    expect(calls).toHaveLength(4);
    calls[3]!.resolve();
    await expect(later).resolves.toBeUndefined();
  });
});
