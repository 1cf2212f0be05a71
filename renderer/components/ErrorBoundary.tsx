// Catches an error thrown while drawing a part of the window, so that part says what went wrong and offers a way back
// instead of React unmounting the whole tree and leaving a blank window.
import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children; `retry` draws them again. */
  fallback(error: Error, retry: () => void): ReactNode;
  /** A change of key (the user went elsewhere) draws the children again. */
  resetKey?: string;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { error?: Error; key?: string }> {
  override state: { error?: Error; key?: string } = {};

  static getDerivedStateFromError(thrown: unknown): { error: Error } {
    return { error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: { error?: Error; key?: string }): { error?: Error; key?: string } | null {
    if (props.resetKey === state.key) return null;
    return { error: undefined, key: props.resetKey };
  }

  retry = () => this.setState({ error: undefined });

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}
