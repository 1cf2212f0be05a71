// The app shell: sidebar, the current section and the status bar, kept live by the engine's events.
import { useEffect, useState } from 'react';
import type { AppInfo, EngineState } from '../shared/contract';
import { ApiContext } from './api/ApiContext';
import type { Connection } from './api/connect';
import { LiveProvider, outboxCount, useLive } from './api/LiveContext';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Notice } from './components/Notice';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { preloadViews } from './views/lazyViews';
import { SectionView } from './views/SectionView';
import { hrefOf, routeFromHash, sections, type Route } from './views/sections';

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash));
    const onKey = (event: KeyboardEvent) => {
      const target = sections.find((candidate) => candidate.shortcut === event.key);
      if (target && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        window.location.hash = `#/${target.id}`;
        event.preventDefault();
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  return route;
}

/** A view that failed to draw: what went wrong, and the way back to its list (or another try at the list itself). */
function SectionError({ route, error, retry }: { route: Route; error: Error; retry(): void }) {
  return (
    <Notice tone="error" title="This view could not be shown">
      <p>{error.message}</p>
      {route.id ? (
        <a href={hrefOf(route.section)}>Back to the list</a>
      ) : (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </Notice>
  );
}

function LiveSidebar({ route }: { route: Route }) {
  const { counts, unread } = useLive();
  return <Sidebar current={route.section} counts={{ received: unread ?? 0, outbox: counts ? outboxCount(counts) : 0 }} />;
}

export function App({ connection }: { connection: Connection }) {
  const { api } = connection;
  const route = useRoute();
  const [info, setInfo] = useState<AppInfo>();
  const [state, setState] = useState<EngineState>();
  const [disconnected, setDisconnected] = useState<string>();

  useEffect(() => {
    const unsubscribe = api.app.onDidChangeState(setState);
    void api.app.info().then((result) => {
      if (result.ok) {
        setInfo(result.value);
        setState((current) => current ?? result.value.engine);
      } else {
        setDisconnected(result.error.message);
      }
    });
    connection.onDidDisconnect((reason) => setDisconnected(`${reason} Reload the page once faxdesk runs again.`));
    return unsubscribe;
  }, [api, connection]);

  useEffect(preloadViews, []);

  const title = sections.find((candidate) => candidate.id === route.section)?.title ?? '';
  useEffect(() => {
    document.title = `${title} – faxdesk`;
  }, [title]);

  return (
    <ApiContext.Provider value={api}>
      <LiveProvider api={api}>
        <div className="app">
          <LiveSidebar route={route} />
          <main className="content" aria-labelledby="section-title">
            <header className="toolbar">
              <h1 id="section-title">{title}</h1>
            </header>
            <div className="section-body">
              <ErrorBoundary resetKey={hrefOf(route.section, route.id)} fallback={(error, retry) => <SectionError route={route} error={error} retry={retry} />}>
                <SectionView route={route} />
              </ErrorBoundary>
            </div>
          </main>
          <StatusBar info={info} state={state} disconnected={disconnected} />
        </div>
      </LiveProvider>
    </ApiContext.Provider>
  );
}
