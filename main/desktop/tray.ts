// The tray icon that stays while the window is closed: unread faxes and the outbox at a glance, the way back to the
// window, "Start at login", and Quit. Updates are coalesced so 2,000 message changes cost one menu rebuild.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { MessageCounts } from '../../shared/contract';
import type { LoginItem } from './loginItem';

export interface TrayCounts {
  unreadFaxes: number;
  /** Messages not yet delivered: queued, sending, waiting to retry, held. */
  outbox: number;
  failed: number;
}

export const emptyTrayCounts: TrayCounts = { unreadFaxes: 0, outbox: 0, failed: 0 };

export function outboxSize(counts: MessageCounts): number {
  return counts.queued + counts.sending + counts.retryWait + counts.held;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function trayTooltip(counts: TrayCounts): string {
  const parts = [plural(counts.unreadFaxes, 'unread fax', 'unread faxes'), `${plural(counts.outbox, 'message', 'messages')} in the outbox`];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  return `faxdesk: ${parts.join(', ')}`;
}

export interface TrayActions {
  open(route?: string): void;
  quit(): void;
  /** null where the platform cannot start apps at login. */
  loginItem: LoginItem | null;
}

export function trayMenuTemplate(counts: TrayCounts, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: 'Open faxdesk', click: () => actions.open() },
    { type: 'separator' },
    { label: plural(counts.unreadFaxes, 'unread fax', 'unread faxes'), click: () => actions.open('/received') },
    { label: `${plural(counts.outbox, 'message', 'messages')} in the outbox`, click: () => actions.open('/outbox') },
  ];
  if (counts.failed > 0) items.push({ label: plural(counts.failed, 'failed message', 'failed messages'), click: () => actions.open('/sent') });
  items.push({ type: 'separator' });
  const loginItem = actions.loginItem;
  if (loginItem) {
    items.push({ label: 'Start at login', type: 'checkbox', checked: loginItem.isEnabled(), click: (item) => loginItem.setEnabled(item.checked) });
    items.push({ type: 'separator' });
  }
  items.push({ label: 'Quit faxdesk', click: () => actions.quit() });
  return items;
}

export class TrayController {
  private counts: TrayCounts = emptyTrayCounts;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tray: Tray,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform,
    private readonly delayMs = 250,
  ) {
    tray.on('click', () => actions.open());
    this.render();
  }

  static create(icons: { trayIcon: string; trayTemplateIcon: string }, actions: TrayActions, platform = process.platform): TrayController {
    // macOS tints a black template image for light and dark menu bars; elsewhere the colour icon reads better.
    const image = nativeImage.createFromPath(platform === 'darwin' ? icons.trayTemplateIcon : icons.trayIcon);
    if (platform === 'darwin') image.setTemplateImage(true);
    return new TrayController(new Tray(image), actions, platform);
  }

  update(partial: Partial<TrayCounts>): void {
    this.counts = { ...this.counts, ...partial };
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, this.delayMs);
  }

  get current(): TrayCounts {
    return this.counts;
  }

  /** Rebuilds the menu now (after "Start at login" changed elsewhere, for instance). */
  render(): void {
    this.tray.setToolTip(trayTooltip(this.counts));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(this.counts, this.actions)));
    if (this.platform === 'darwin') this.tray.setTitle(this.counts.unreadFaxes > 0 ? String(this.counts.unreadFaxes) : '');
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tray.destroy();
  }
}
