// The line at the bottom: what the engine is doing (delivering, next retry, trouble), where mail goes, which faxdesk.
import type { AppInfo, EngineState } from '../../shared/contract';
import { shortTime } from '../format';
import { hrefOf } from '../views/sections';

const statusLabels: Record<EngineState['status'], string> = {
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  stopped: 'Stopped',
  error: 'Needs attention',
};

/**
 * What the engine is doing, in one phrase. While running, the structured fields say it in the reader's own time zone;
 * the engine's detail (which names UTC for the log's sake) is shown only for the other states, such as trouble.
 */
function describeState(state: EngineState): string {
  if (state.status === 'running' && state.delivering > 0) return `Running: delivering ${state.delivering} message${state.delivering === 1 ? '' : 's'}`;
  if (state.status === 'running' && state.unreachable) {
    return `Server unreachable: ${state.unreachable}${state.nextRetryAt ? `, next retry at ${shortTime(state.nextRetryAt)}` : ''}`;
  }
  if (state.status === 'running' && state.nextRetryAt) return `Running: next retry at ${shortTime(state.nextRetryAt)}`;
  return `${statusLabels[state.status]}: ${state.detail}`;
}

export function StatusBar({ info, state, disconnected }: { info?: AppInfo; state?: EngineState; disconnected?: string }) {
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      {disconnected ? (
        <span className="status-dot error">{disconnected}</span>
      ) : (
        <span className={`status-dot ${state?.status === 'running' && state.unreachable ? 'unreachable' : (state?.status ?? 'starting')}`} data-testid="engine-state" title={state?.nextRetryAt ?? undefined}>
          {state ? describeState(state) : 'Connecting to faxdesk…'}
        </span>
      )}
      <span className="spacer" />
      {state?.target && (
        <span data-testid="engine-target" className={state.target.local ? 'target-local' : 'muted'}>
          {state.target.local ? (
            // The first-run hint leads to where a real server is set and what the local mailbox holds is opened.
            <a href={hrefOf('preferences')} className="target-local" title="Set a mail server, or open what the local mailbox received">
              Mail goes to the built-in local mailbox
            </a>
          ) : (
            `Mail goes to ${state.target.label}`
          )}
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
