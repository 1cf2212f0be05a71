// The views that are never a window's first screen (Preferences with its schema, an opened message or fax) load on
// first use, or once the window has drawn its first list and is idle: the first script holds only what draws a list.
import { lazy, Suspense, type ReactNode } from 'react';

const loaders = {
  preferences: () => import('./PreferencesView'),
  message: () => import('./MessageDetailView'),
  fax: () => import('./FaxDetailView'),
};

export const PreferencesView = lazy(() => loaders.preferences().then((module) => ({ default: module.PreferencesView })));
export const MessageDetailView = lazy(() => loaders.message().then((module) => ({ default: module.MessageDetailView })));
export const FaxDetailView = lazy(() => loaders.fax().then((module) => ({ default: module.FaxDetailView })));

/** Where a view is still loading its script: the same quiet line the views show while their data loads. */
export function ViewLoading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted pad">Loading…</p>}>{children}</Suspense>;
}

/** Loads every lazy view a second after the window opened, when it is idle, so opening one later does not wait for
 *  its script; not sooner, where compiling them would hold up the first rows. Returns the cancel function. */
export function preloadViews(): () => void {
  const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
  const timer = setTimeout(() => idle(() => Object.values(loaders).forEach((load) => void load())), 1_000);
  return () => clearTimeout(timer);
}
