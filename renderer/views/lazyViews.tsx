// The views that are never a window's first screen (Preferences with its schema, an opened message or fax) load on
// first use, or once the window has drawn its first list and is idle: the first script holds only what draws a list.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { whenIdle } from '../whenIdle';

/**
 * A view whose script loads on demand. Once loaded (by use or by preloadViews) it renders at once, without going
 * through React.lazy: a lazy component suspends on its first render even when its script is already there, and React
 * then holds the revealed content back for its fallback throttle (300 ms), which opening a fax would pay every time.
 */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): { View: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function View(props: P) {
    const Component = loaded ?? Lazy;
    return <Component {...props} />;
  }
  return { View, preload };
}

const preferences = lazyView(() => import('./PreferencesView').then((module) => module.PreferencesView));
const message = lazyView(() => import('./MessageDetailView').then((module) => module.MessageDetailView));
const fax = lazyView(() => import('./FaxDetailView').then((module) => module.FaxDetailView));

export const PreferencesView = preferences.View;
export const MessageDetailView = message.View;
export const FaxDetailView = fax.View;

/** Where a view is still loading its script: the same quiet line the views show while their data loads. */
export function ViewLoading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted pad">Loading…</p>}>{children}</Suspense>;
}

/** A list's opened view loads as soon as the list has been drawn and the window is idle: a click on a row must not
 *  wait for the script (nor, when it still has to, go through the fallback's throttle). Returns the cancel function. */
export function preloadWhenIdle(view: 'message' | 'fax'): () => void {
  return whenIdle(() => void (view === 'fax' ? fax : message).preload());
}

/** Loads every lazy view a second after the window opened, when it is idle, so opening one later does not wait for
 *  its script; not sooner, where compiling them would hold up the first rows. Returns the cancel function. */
export function preloadViews(): () => void {
  const timer = setTimeout(() => whenIdle(() => [preferences, message, fax].forEach((view) => void view.preload())), 1_000);
  return () => clearTimeout(timer);
}
