// Native notifications for what needs the user: a new fax, and a message that could not be delivered. Clicking one
// opens the window at that item. Only metadata is shown (sender number, pages, subject), never the fax itself.
import { Notification } from 'electron';
import type { EventPayload } from '../../shared/contract';

export interface NotificationRequest {
  title: string;
  body: string;
  /** The renderer route to open on click. */
  route: string;
}

/** Past this many in one change, one summary replaces a notification each (an import of 200 faxes is one alert). */
const summaryThreshold = 3;

/** Decides what deserves a notification from the engine's change events; no Electron here, so it is tested plainly. */
export class NotificationPolicy {
  private readonly seenFaxes = new Set<string>();
  private readonly failedMessages = new Set<string>();

  /** Faxes received before startedAt are old news, even if the first event about them comes later. */
  constructor(private readonly startedAt: number) {}

  onFaxesChanged(payload: EventPayload<'faxes:onDidChange'>): NotificationRequest[] {
    const fresh = payload.changed.filter((fax) => {
      const isNew = !this.seenFaxes.has(fax.id) && !fax.read && Date.parse(fax.receivedAt) >= this.startedAt;
      this.seenFaxes.add(fax.id);
      return isNew;
    });
    if (fresh.length > summaryThreshold) return [{ title: `${fresh.length} new faxes`, body: `${payload.unread} unread in faxdesk.`, route: '/received' }];
    return fresh.map((fax) => ({
      title: 'New fax',
      body: [fax.from ? `From ${fax.from}` : 'From an unknown sender', `${fax.pages} ${fax.pages === 1 ? 'page' : 'pages'}`].join(' · '),
      route: `/received/${fax.id}`,
    }));
  }

  onMessagesChanged(payload: EventPayload<'messages:onDidChange'>): NotificationRequest[] {
    const failed = payload.changed.filter((message) => {
      if (message.state !== 'failed') {
        this.failedMessages.delete(message.id);
        return false;
      }
      if (this.failedMessages.has(message.id)) return false;
      this.failedMessages.add(message.id);
      return true;
    });
    if (failed.length > summaryThreshold) {
      return [{ title: `${failed.length} messages could not be delivered`, body: 'Open faxdesk to see why.', route: '/sent' }];
    }
    return failed.map((message) => ({
      title: 'A message could not be delivered',
      body: `${message.subject} to ${message.to.join(', ')}${message.reason ? `: ${message.reason}` : ''}`.slice(0, 240),
      route: `/sent/${message.id}`,
    }));
  }
}

/** Shows notifications with Electron; keeps each one referenced until it is done, or its click would be lost to GC. */
export class DesktopNotifier {
  private readonly live = new Set<Notification>();

  constructor(private readonly onClick: (route: string) => void) {}

  show(request: NotificationRequest): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: request.title, body: request.body });
    this.live.add(notification);
    const release = () => this.live.delete(notification);
    notification.on('click', () => {
      release();
      this.onClick(request.route);
    });
    notification.on('close', release);
    notification.show();
  }
}
