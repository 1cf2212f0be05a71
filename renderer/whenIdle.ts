// Work that can wait until the window has nothing else to do, such as loading the scripts a view will soon need.

/** Runs `callback` once the window is idle (after 200 ms where the browser cannot tell); returns the cancel function. */
export function whenIdle(callback: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(() => callback());
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(callback, 200);
  return () => clearTimeout(timer);
}
