// The line at the bottom: what the engine is doing (delivering, next retry, trouble), where mail goes, which faxdesk.
import type { AppInfo, EngineState } from '../../shared/contract';
import { shortTime } from '../format';

const statusLabels: Record<EngineState['status'], string> = {
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  stopped: 'Stopped',
  error: 'Needs attention',
};

export function StatusBar({ info, state, disconnected }: { info?: AppInfo; state?: EngineState; disconnected?: string }) {
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      {disconnected ? (
        <span className="status-dot error">{disconnected}</span>
      ) : (
        <span className={`status-dot ${state?.status ?? 'starting'}`} data-testid="engine-state">
          {state ? `${statusLabels[state.status]}: ${state.detail}` : 'Connecting to faxdesk…'}
        </span>
      )}
      {state && !disconnected && state.delivering > 0 && (
        <span data-testid="engine-delivering">Delivering {state.delivering}</span>
      )}
      {state && !disconnected && state.nextRetryAt && (
        <span data-testid="engine-next-retry" title={state.nextRetryAt}>
          Next retry at {shortTime(state.nextRetryAt)}
        </span>
      )}
      <span className="spacer" />
      {state?.target && (
        <span data-testid="engine-target" className={state.target.local ? 'target-local' : 'muted'}>
          {state.target.local ? 'Mail goes to the built-in local mailbox' : `Mail goes to ${state.target.label}`}
        </span>
      )}
      {info && (
        <span className="muted" title={`Data folder: ${info.dataDir}`} data-testid="app-version">
          faxdesk {info.version}
        </span>
      )}
    </footer>
  );
}
