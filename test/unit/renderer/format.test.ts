// How times read in the lists and details: the time alone for today, the date with it otherwise; text that is not a
// time is shown as it came rather than as "Invalid Date".
import { describe, expect, it } from 'vitest';
import { longTime, relativeTime, shortTime } from '../../../renderer/format';

describe('times on screen', () => {
  const now = new Date(2026, 11, 4, 15, 0);

  it('shows the time alone for today and the date with the time for another day', () => {
    const today = shortTime(new Date(2026, 11, 4, 9, 5).toISOString(), now);
    expect(today).toMatch(/09|9/);
    expect(today).not.toMatch(/2026/);
    expect(shortTime(new Date(2025, 0, 2, 9, 5).toISOString(), now)).toMatch(/2025/);
    expect(longTime(new Date(2025, 0, 2, 9, 5).toISOString())).toMatch(/2025/);
  });

  it('leaves what is not a time as it is, and nothing as nothing', () => {
    expect(shortTime('not a time', now)).toBe('not a time');
    expect(longTime('not a time')).toBe('not a time');
    expect(shortTime(null, now)).toBe('');
    expect(longTime(undefined)).toBe('');
  });

  it('says retry times relative to now', () => {
    expect(relativeTime(new Date(now.getTime() + 4 * 60_000).toISOString(), now.getTime())).toBe('in 4 min');
    expect(relativeTime(new Date(now.getTime() - 2 * 3_600_000).toISOString(), now.getTime())).toBe('2 h ago');
  });
});
