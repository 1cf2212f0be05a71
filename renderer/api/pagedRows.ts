// The rows of a long list paged from main (never more than 200 a call) and patched live by events, without React
// (usePagedList draws them). A windowed list keeps only the rows near the screen: holding all 100,000 rows of a
// scrolled history (about 80 MB of heap) made each major garbage collection a long task while scrolling.
import type { ApiErrorShape } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { EarlyPage } from './earlyPages';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type FetchPage<T> = (cursor: string | null, limit: number) => Promise<Result<Page<T>>>;

/** Main's order of a list: negative when `a` comes before `b`. */
export type Order<T> = (a: T, b: T) => number;

// A screenful and a half: the first rows must be on screen fast; the next pages come while the user looks.
export const firstPageSize = 50;
export const pageSize = 200;

/** A place main's keyset cursor can start again from: the rows before `index` end with `last`. */
interface Checkpoint<T> {
  index: number;
  cursor: string | null;
  last: T | null;
}

/** Where `item` goes in `items`, sorted by `order`: after every row that does not come after it. */
function placeOf<T>(items: readonly T[], item: T, order: Order<T>): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(items[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class PagedRows<T extends { id: string }> {
  total = 0;
  status: 'loading' | 'ready' | 'failed' = 'loading';
  error?: ApiErrorShape;

  /** The loaded rows: rows `offset` … `offset + items.length - 1` of the list, in order. */
  private items: T[] = [];
  private offset = 0;
  private readonly ids = new Set<string>();
  /** Rows that joined the list past the last loaded one: they go in when the pages reach their place. */
  private readonly later = new Map<string, T>();
  private cursor: string | null = null;
  private done = false;
  private busy = false;
  private closed = false;
  private wantedFrom = 0;
  private wantedTo = 0;
  /** One per page boundary seen, by index: where a dropped part of the list can be asked for again. */
  private readonly checkpoints: Array<Checkpoint<T>> = [{ index: 0, cursor: null, last: null }];

  /**
   * @param windowRows keep at most about this many rows around the rows asked for (Infinity: keep every row, for a
   *   list that shows them all, like the Outbox's table).
   */
  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly order: Order<T>,
    private readonly onChange: () => void,
    private readonly windowRows = Infinity,
    /** The first page, when it was asked for before the list existed (./earlyPages.ts): when it has arrived already,
     *  the list has its rows from the start, for its first draw. */
    private firstPage?: EarlyPage<T>,
  ) {
    if (firstPage && !(firstPage instanceof Promise)) {
      this.firstPage = undefined;
      this.receive(firstPage);
    }
  }

  /** Row `index`, or undefined while it is not loaded (the list draws a placeholder). */
  itemAt(index: number): T | undefined {
    return this.items[index - this.offset];
  }

  /** The loaded rows from the top of the list, as long as none was dropped: for lists that are not windowed. */
  get loadedFromTop(): readonly T[] {
    return this.offset === 0 ? this.items : [];
  }

  /** Loads pages until rows `from` … `index` are there (or the list ends). */
  ensure(index: number, from = index): void {
    this.wantedTo = index;
    this.wantedFrom = Math.max(0, Math.min(from, index));
    void this.pump();
  }

  /** Applies changed rows from an event: replaces them, drops those that left the list, puts those that joined it in
   *  their place (a new row, or an older one that now matches the filter). */
  patch(changed: readonly T[], belongs: (item: T) => boolean): void {
    let joined = 0;
    let left = 0;
    for (const item of changed) {
      if (this.ids.has(item.id)) {
        const index = this.items.findIndex((candidate) => candidate.id === item.id);
        if (belongs(item)) {
          this.items[index] = item;
        } else {
          this.items.splice(index, 1);
          this.ids.delete(item.id);
          this.shiftCheckpoints(item, -1);
          left++;
        }
      } else if (this.later.has(item.id)) {
        if (belongs(item)) this.later.set(item.id, item);
        else if (this.later.delete(item.id)) {
          this.shiftCheckpoints(item, -1);
          left++;
        }
      } else if (belongs(item)) {
        // New to the list: a new row, or an older one that now matches the filter (a retry waiting again under
        // "Waiting to retry"). Put in its place, or past the loaded rows kept until the pages get there: a whole
        // list has no page to come, and a row only counted in its total would show "Loading…" for good. (A row of a
        // dropped part that only changed is counted as joined too, as a row past the loaded ones always was: the
        // next page's total from main corrects the count.)
        this.later.set(item.id, item);
        this.shiftCheckpoints(item, +1);
        joined++;
      }
    }
    this.placeLater();
    this.total = Math.max(this.offset + this.items.length, this.total + joined - left);
    this.onChange();
  }

  /** Stops: replies still on their way are dropped. */
  close(): void {
    this.closed = true;
  }

  private async pump(): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      for (;;) {
        const end = this.offset + this.items.length;
        if (this.wantedFrom < this.offset) {
          // Scrolled back above the loaded rows: start again at the page boundary before them.
          this.restartAt(this.checkpointAtOrBefore(this.wantedFrom));
          continue;
        }
        if (this.done || (this.items.length > 0 && end > this.wantedTo)) return;
        const ahead = this.checkpointAtOrBefore(this.wantedFrom);
        if (ahead.index > end) {
          // Jumped past the loaded rows to a part seen before: start there rather than page through the rows between.
          this.restartAt(ahead);
          continue;
        }
        const early = end === 0 ? this.firstPage : undefined;
        this.firstPage = undefined;
        const result = await (early ?? this.fetchPage(this.cursor, end === 0 ? firstPageSize : pageSize));
        if (this.closed) return;
        this.receive(result);
        this.onChange();
        if (!result.ok) return;
      }
    } finally {
      this.busy = false;
    }
  }

  /** Takes in a page main sent, or the failure that came instead. */
  private receive(result: Result<Page<T>>): void {
    if (!result.ok) {
      this.status = 'failed';
      this.error = result.error;
      return;
    }
    this.append(result.value);
    this.placeLater();
    this.dropFarRows();
    const loadedEnd = this.offset + this.items.length;
    this.total = this.done ? loadedEnd : Math.max(result.value.total, loadedEnd);
    this.status = 'ready';
    this.error = undefined;
  }

  private append(page: Page<T>): void {
    for (const item of page.items) {
      if (this.ids.has(item.id)) continue;
      this.ids.add(item.id);
      this.items.push(item);
    }
    this.cursor = page.nextCursor;
    this.done = page.nextCursor === null || page.items.length === 0;
    if (!this.done && this.items.length > 0) this.keepCheckpoint({ index: this.offset + this.items.length, cursor: page.nextCursor, last: this.items.at(-1)! });
  }

  /** Puts the rows waiting in `later` that now fall within the loaded rows (or all of them, once the list is whole). */
  private placeLater(): void {
    for (const [id, item] of this.later) {
      if (this.ids.has(id)) {
        this.later.delete(id);
        continue;
      }
      const at = placeOf(this.items, item, this.order);
      if (at === this.items.length && !this.done) continue;
      this.later.delete(id);
      if (at === 0 && this.offset > 0) {
        // Above the loaded rows, in a part already dropped: main has it when that part is asked for again.
        this.offset++;
        continue;
      }
      this.items.splice(at, 0, item);
      this.ids.add(id);
    }
  }

  /** Past `windowRows`, drops whole pages from the top of the loaded rows while they are well above those asked for. */
  private dropFarRows(): void {
    if (this.items.length <= this.windowRows) return;
    const keepFrom = Math.min(this.wantedFrom - pageSize, this.offset + this.items.length - this.windowRows / 2);
    const boundary = this.checkpointAtOrBefore(keepFrom);
    if (boundary.index <= this.offset) return;
    for (const item of this.items.splice(0, boundary.index - this.offset)) this.ids.delete(item.id);
    this.offset = boundary.index;
  }

  private restartAt(checkpoint: Checkpoint<T>): void {
    this.items = [];
    this.ids.clear();
    this.offset = checkpoint.index;
    this.cursor = checkpoint.cursor;
    this.done = false;
  }

  private checkpointAtOrBefore(index: number): Checkpoint<T> {
    let found = this.checkpoints[0]!;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.index > index) break;
      found = checkpoint;
    }
    return found;
  }

  private keepCheckpoint(checkpoint: Checkpoint<T>): void {
    const at = this.checkpoints.findIndex((candidate) => candidate.index >= checkpoint.index);
    if (at < 0) this.checkpoints.push(checkpoint);
    else if (this.checkpoints[at]!.index === checkpoint.index) this.checkpoints[at] = checkpoint;
    else this.checkpoints.splice(at, 0, checkpoint);
  }

  /** A row that joined (+1) or left (-1) the list moves every page boundary after it, and the loaded rows when it is
   *  above them. */
  private shiftCheckpoints(item: T, by: 1 | -1): void {
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.last && this.order(item, checkpoint.last) <= 0) checkpoint.index += by;
    }
  }
}
