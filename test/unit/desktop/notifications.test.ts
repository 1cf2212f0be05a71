// What deserves a notification, and what clicking one opens.
import { describe, expect, it, vi } from 'vitest';
import type { FaxSummary, MessageCounts, MessageSummary } from '../../../shared/contract';
import { DesktopNotifier, NotificationPolicy } from '../../../main/desktop/notifications';
import { FakeNotification } from './support/fakeElectron';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);

const startedAt = Date.parse('2026-03-02T09:00:00Z');
const fax = (id: string, extra: Partial<FaxSummary> = {}): FaxSummary => ({
  id,
  receivedAt: '2026-03-02T09:05:00Z',
  from: '+49 30 1234567',
  to: '+49 30 999',
  csid: null,
  pages: 3,
  format: 'pdf',
  fileName: `${id}.pdf`,
  sizeBytes: 1000,
  read: false,
  deliverTo: [],
  deliveryState: null,
  messageIds: [],
  ...extra,
});
const counts: MessageCounts = { queued: 0, sending: 0, retryWait: 0, held: 0, failed: 1, delivered: 0, cancelled: 0, total: 1 };
const message = (id: string, state: MessageSummary['state'], extra: Partial<MessageSummary> = {}): MessageSummary => ({
  id,
  kind: 'received-fax',
  state,
  subject: 'Fax from +49 30 1234567',
  from: 'fax@example.com',
  to: ['office@example.com'],
  messageId: `<${id}@faxdesk>`,
  createdAt: '2026-03-02T09:05:00Z',
  updatedAt: '2026-03-02T09:06:00Z',
  attempts: 5,
  nextAttemptAt: null,
  deliveredAt: null,
  possibleDuplicate: false,
  reason: '550 5.1.1 mailbox unknown',
  faxId: null,
  sizeBytes: 2000,
  ...extra,
});

describe('NotificationPolicy', () => {
  it('announces a new unread fax once, with sender and pages only, opening it on click', () => {
    const policy = new NotificationPolicy(startedAt);
    expect(policy.onFaxesChanged({ changed: [fax('f1')], unread: 1 })).toEqual([
      { title: 'New fax', body: 'From +49 30 1234567 · 3 pages', route: '/received/f1' },
    ]);
    // The same fax again (read state or delivery changed): no second notification.
    expect(policy.onFaxesChanged({ changed: [fax('f1', { deliveryState: 'delivered' })], unread: 1 })).toEqual([]);
  });

  it('stays quiet about read faxes and faxes from before the app started', () => {
    const policy = new NotificationPolicy(startedAt);
    expect(policy.onFaxesChanged({ changed: [fax('old', { receivedAt: '2026-03-01T09:00:00Z' }), fax('read', { read: true })], unread: 1 })).toEqual([]);
  });

  it('sums up a burst of faxes in one notification', () => {
    const policy = new NotificationPolicy(startedAt);
    const burst = ['a', 'b', 'c', 'd', 'e'].map((id) => fax(id));
    expect(policy.onFaxesChanged({ changed: burst, unread: 7 })).toEqual([{ title: '5 new faxes', body: '7 unread in faxdesk.', route: '/received' }]);
  });

  it('announces a message that failed once per failure, opening it in Sent', () => {
    const policy = new NotificationPolicy(startedAt);
    expect(policy.onMessagesChanged({ changed: [message('m1', 'retry-wait')], counts })).toEqual([]);
    expect(policy.onMessagesChanged({ changed: [message('m1', 'failed')], counts })).toEqual([
      {
        title: 'A message could not be delivered',
        body: 'Fax from +49 30 1234567 to office@example.com: 550 5.1.1 mailbox unknown',
        route: '/sent/m1',
      },
    ]);
    expect(policy.onMessagesChanged({ changed: [message('m1', 'failed')], counts })).toEqual([]);
    // Retried by the user and failed again: a new failure, a new notification.
    policy.onMessagesChanged({ changed: [message('m1', 'queued')], counts });
    expect(policy.onMessagesChanged({ changed: [message('m1', 'failed')], counts })).toHaveLength(1);
  });

  it('sums up many failures (a dead server and 2,000 messages) in one notification', () => {
    const policy = new NotificationPolicy(startedAt);
    const failed = Array.from({ length: 2000 }, (_, index) => message(`m${index}`, 'failed'));
    expect(policy.onMessagesChanged({ changed: failed, counts })).toEqual([
      { title: '2000 messages could not be delivered', body: 'Open faxdesk to see why.', route: '/sent' },
    ]);
  });
});

describe('DesktopNotifier', () => {
  it('shows a native notification whose click opens the route', () => {
    const open = vi.fn();
    new DesktopNotifier(open).show({ title: 'New fax', body: 'From +49 · 1 page', route: '/received/f1' });
    const shown = FakeNotification.instances.at(-1)!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toEqual({ title: 'New fax', body: 'From +49 · 1 page' });
    shown.emit('click');
    expect(open).toHaveBeenCalledWith('/received/f1');
  });

  it('does nothing where the desktop has no notifications', () => {
    FakeNotification.supported = false;
    const before = FakeNotification.instances.length;
    new DesktopNotifier(vi.fn()).show({ title: 't', body: 'b', route: '/' });
    expect(FakeNotification.instances).toHaveLength(before);
    FakeNotification.supported = true;
  });
});
