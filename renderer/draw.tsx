// The renderer's entry: connects to faxdesk, then draws the app (or says plainly why it cannot).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './api/connect';
import { ErrorBoundary } from './components/ErrorBoundary';
import { askOpeningPage } from './views/SectionView';
import { routeFromHash } from './views/sections';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

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

connect().then(
  (connection) => {
    // The opening list's rows are on their way while React draws the window around them.
    askOpeningPage(connection.api, routeFromHash(window.location.hash));
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
