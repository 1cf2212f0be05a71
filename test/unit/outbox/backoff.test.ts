import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../main/core/outbox/backoff';

describe('retry backoff', () => {
  it('stays between retryMinSeconds and retryMaxSeconds whatever the jitter', () => {
    for (let failures = 1; failures <= 20; failures++) {
      for (const random of [0, 0.25, 0.5, 0.999, 1]) {
        const delay = retryDelayMs(failures, 300, 3600, random);
        expect(delay).toBeGreaterThanOrEqual(300_000);
        expect(delay).toBeLessThanOrEqual(3_600_000);
      }
    }
  });

  it('doubles the window with each failure until it sits at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((n) => [retryDelayMs(n, 300, 3600, 0) / 1000, retryDelayMs(n, 300, 3600, 1) / 1000])).toEqual([
      [300, 600],
      [600, 1200],
      [1200, 2400],
      [2400, 3600],
      [3600, 3600],
    ]);
  });

  it('spreads messages that failed together over the window (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => retryDelayMs(2, 300, 3600, i / 50)));
    expect(delays.size).toBe(50);
  });

  it('accepts one-second settings for tests and impatient admins', () => {
    expect(retryDelayMs(1, 1, 1, 0.7)).toBe(1000);
  });
});
