// The renderer's entry, kept small: it opens the connection and asks for the opening list's first page at once, while
// the window's script (React and the views, draw.tsx) is fetched and compiled, so the rows are there when it draws.
import { connect } from './api/connect';
import { askOpeningPage } from './api/openingPage';
import { routeFromHash } from './views/sections';
// The lists' date formats, made here rather than with the window's script: the first one sets up the locale's date
// data (20–30 ms on a cold start), which then runs while that script is still being fetched and compiled.
import './format';
import './styles.css';

const connecting = connect();
connecting.then(
  (connection) => askOpeningPage(connection.api, routeFromHash(window.location.hash)),
  () => undefined, // draw() says why
);
import('./draw').then(
  ({ draw }) => draw(connecting),
  (error: unknown) => {
    // Without React there is no window to draw: say so in plain text, with what to do.
    document.getElementById('root')!.textContent = `faxdesk could not load its window (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
  },
);
