// The window itself, loaded by the entry script (main.ts) while the connection opens: draws the app on that
// connection, or says plainly why it cannot.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { Connection } from './api/connect';
import { earlyPagesArrived } from './api/earlyPages';
import { ErrorBoundary } from './components/ErrorBoundary';

const root = createRoot(document.getElementById('root')!);

/** How long after the opening list's first page was asked for the first draw may wait for it (./api/earlyPages.ts):
 *  main answers in a few ms; the limit is for a main process busy with other work. */
const earlyPageWaitMs = 200;

/** The last resort, when the shell itself fails to draw: say so, and offer a fresh start on the first section. */
function Stopped({ error }: { error: Error }) {
  const restart = () => {
    window.location.hash = '#/received';
    window.location.reload();
  };
  return (
    <div className="fatal" role="alert">
      <h1>faxdesk could not draw this window</h1>
      <p>{error.message}</p>
      <button type="button" onClick={restart}>
        Reload faxdesk
      </button>
    </div>
  );
}

export function draw(connecting: Promise<Connection>): void {
  connecting.then(
    async (connection) => {
      await earlyPagesArrived(earlyPageWaitMs);
      root.render(
        <StrictMode>
          <ErrorBoundary fallback={(error) => <Stopped error={error} />}>
            <App connection={connection} />
          </ErrorBoundary>
        </StrictMode>,
      );
    },
    (error: unknown) =>
      root.render(
        <div className="fatal" role="alert">
          <h1>faxdesk cannot open</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </div>,
      ),
  );
}
