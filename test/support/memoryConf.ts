// An in-memory stand-in for conf / electron-store with dotted key paths and change callbacks, for unit tests.
import type { ConfLike } from '../../main/core/prefs/types';

export class MemoryConf implements ConfLike {
  readonly path = '/memory/config.json';
  private data: Record<string, unknown> = {};
  private readonly listeners = new Set<() => void>();
  /** Makes the next set() throw, like a full disk. */
  failNextSet = false;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.set(key, value);
  }

  get store(): Record<string, unknown> {
    return structuredClone(this.data);
  }

  get(key: string): unknown {
    let node: unknown = this.data;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node === undefined ? undefined : structuredClone(node);
  }

  set(key: string, value: unknown): void {
    if (this.failNextSet) {
      this.failNextSet = false;
      throw new Error('ENOSPC: no space left on device');
    }
    const parts = key.split('.');
    let node = this.data;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = structuredClone(value);
    this.listeners.forEach((listener) => listener());
  }

  delete(key: string): void {
    const parts = key.split('.');
    let node: Record<string, unknown> | undefined = this.data;
    for (const part of parts.slice(0, -1)) node = node?.[part] as Record<string, unknown> | undefined;
    if (node) delete node[parts.at(-1)!];
    this.listeners.forEach((listener) => listener());
  }

  onDidAnyChange(callback: () => void): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }
}
