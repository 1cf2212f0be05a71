// The app's life: one instance per user (a second launch focuses the first), it keeps running with no window
// (the engine delivers in the background, the tray stays), and it quits only after the engine has stopped.
import type { App } from 'electron';

export interface LifecycleHooks {
  /** A second launch, or the dock icon on macOS: show the window. */
  onShowRequested(): void;
  /** Called once on quit; the app exits when it settles. */
  stopEngine(): Promise<void>;
}

/** Returns false when another faxdesk already runs for this user: it was asked to show itself, this one must quit. */
export function claimSingleInstance(app: App): boolean {
  return app.requestSingleInstanceLock();
}

export function installLifecycle(app: App, hooks: LifecycleHooks): void {
  app.on('second-instance', () => hooks.onShowRequested());
  app.on('activate', () => hooks.onShowRequested());
  // No window is not a reason to quit: faxes keep arriving and the outbox keeps delivering. Quit is in the tray and menu.
  app.on('window-all-closed', () => {});
  let stopped = false;
  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // The engine finishes its transaction and closes the database before the process ends.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void hooks
      .stopEngine()
      .catch(() => undefined)
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}
