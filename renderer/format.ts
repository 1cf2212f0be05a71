// How times, sizes and states read on screen, in one place so every view says them the same way.
import type { AttemptOutcomeName, MessageKind, MessageState } from '../shared/contract';

let dateFormats: { timeOnly: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; full: Intl.DateTimeFormat } | undefined;

/**
 * The date formats, made on first use. The first one made sets up the locale's date data, 20–30 ms on a cold start:
 * the entry script (main.ts) makes them while the connection to main opens, so that time is not spent when the
 * window draws its first rows.
 */
export function prepareDateFormats(): NonNullable<typeof dateFormats> {
  return (dateFormats ??= {
    timeOnly: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
    dateTime: new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    full: new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }),
  });
}

/** Short for lists: the time alone today, the date and time otherwise. */
export function shortTime(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { timeOnly, dateTime } = prepareDateFormats();
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

export function longTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : prepareDateFormats().full.format(date);
}

/** "in 4 min", "2 h ago": for retry times, which matter relative to now. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const diff = new Date(iso).getTime() - now;
  if (Number.isNaN(diff)) return iso;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  const amount = minutes < 1 ? 'less than a minute' : minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return diff >= 0 ? `in ${amount}` : `${amount} ago`;
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export const stateLabels: Record<MessageState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  'retry-wait': 'Waiting to retry',
  delivered: 'Delivered',
  failed: 'Failed',
  held: 'Held',
  cancelled: 'Cancelled',
};

export const kindLabels: Record<MessageKind, string> = {
  'received-fax': 'Received fax',
  'sent-notification': 'Fax sent report',
  manual: 'Manual / test',
};

export const outcomeLabels: Record<AttemptOutcomeName, string> = {
  delivered: 'Delivered',
  'accepted-quit-dropped': 'Accepted, QUIT not answered',
  uncertain: 'Uncertain: no reply to the final dot',
  temporary: 'Temporary failure',
  permanent: 'Permanent failure',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
