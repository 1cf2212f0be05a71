// The renderer's entry, kept small: it opens the connection and asks for the opening list's first page at once, while
// the window's script (React and the views, draw.tsx) is fetched and compiled, so the rows are there when it draws.
import { connect } from './api/connect';
import { askOpeningPage } from './api/openingPage';
import { routeFromHash } from './views/sections';
import { prepareDateFormats } from './format';
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
// While the connection opens: the date formats' set-up (20–30 ms cold) would otherwise hold up the first rows' draw.
prepareDateFormats();
