// Group commit: writes that arrive in the same turn of the event loop share one transaction, and transactions that
// commit while a disk sync runs share the next one, so a burst of enqueues costs a few fsyncs instead of one each,
// while each caller still returns only once its row is durable.

export class GroupCommit<T, R> {
  private pending: Array<{ item: T; resolve(result: R): void; reject(error: unknown): void }> = [];
  private scheduled = false;

  constructor(private readonly commit: (items: T[]) => Promise<R[]>) {}

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
    // The next batch need not wait for this one's disk sync: it commits after it and waits for a sync of its own.
    Promise.resolve()
      .then(() => this.commit(batch.map((entry) => entry.item)))
      .then(
        (results) => batch.forEach((entry, i) => entry.resolve(results[i]!)),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      );
  }
}
