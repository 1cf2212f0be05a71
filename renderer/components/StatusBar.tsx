// The line at the bottom: what the engine is doing, and which faxdesk this is.
import type { AppInfo, EngineState } from '../../shared/contract';

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
      <span className="spacer" />
      {info && (
        <span className="muted" title={`Data folder: ${info.dataDir}`} data-testid="app-version">
          faxdesk {info.version}
        </span>
      )}
    </footer>
  );
}
