// The renderer's entry: connects to faxdesk, then draws the app (or says plainly why it cannot).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './api/connect';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

connect().then(
  (connection) =>
    root.render(
      <StrictMode>
        <App connection={connection} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <div className="fatal" role="alert">
        <h1>faxdesk cannot open</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    ),
);
