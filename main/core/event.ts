// A minimal typed event emitter (VS Code's Emitter pattern): services expose `onDidX(listener)` returning a disposer.

export type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => () => void;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing listener (a closed window, a broken socket) must not stop the engine or the other listeners.
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
