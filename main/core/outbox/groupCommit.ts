// Group commit: writes that arrive in the same turn of the event loop share one transaction (one disk sync), so a burst
// of enqueues costs one fsync instead of one each, while each caller still returns only once its row is durable.

export class GroupCommit<T, R> {
  private pending: Array<{ item: T; resolve(result: R): void; reject(error: unknown): void }> = [];
  private scheduled = false;

  constructor(private readonly commit: (items: T[]) => R[]) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let results: R[];
    try {
      results = this.commit(batch.map((entry) => entry.item));
    } catch (error) {
      batch.forEach((entry) => entry.reject(error));
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]!));
  }
}
