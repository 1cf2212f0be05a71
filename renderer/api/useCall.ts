// Calls to main as React state: a loading / ready / failed value that a view can draw without ever throwing.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape } from '../../shared/errors';
import type { Result } from '../../shared/result';

export type Loadable<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: ApiErrorShape; value?: T };

/** Calls `load` when `key` changes; `reload()` calls it again and keeps the old value on screen meanwhile. */
export function useCall<T>(load: () => Promise<Result<T>>, key: string): Loadable<T> & { reload(): void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((current) => ({ status: 'loading', value: current.value }));
    void loadRef.current().then(
      (result) => {
        if (mine !== generation.current) return;
        setState((current) =>
          result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error, value: current.value },
        );
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState({ status: 'failed', error: { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) } });
      },
    );
  }, []);

  useEffect(() => {
    setState({ status: 'loading' });
    run();
  }, [key, run]);

  return { ...state, reload: run };
}

/** Says why something could not be shown, in words for the person at the window. */
export function describeError(error: ApiErrorShape, what: string): string {
  switch (error.code) {
    case 'E_UNAVAILABLE':
      return `${what} cannot be shown right now: ${error.message}`;
    case 'E_NOT_FOUND':
      return `${what} no longer exists.`;
    default:
      return `${what} could not be loaded: ${error.message}`;
  }
}
