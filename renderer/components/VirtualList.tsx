// A virtualized, keyboard-driven list (a listbox): only the visible rows exist in the DOM, rows not yet paged in
// from main show a placeholder of the same height, so nothing jumps while data arrives.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  label: string;
  /** Columns as a CSS class on the header and every row (a grid template). */
  className: string;
  header: ReactNode;
  count: number;
  itemAt(index: number): T | undefined;
  keyOf(item: T): string;
  renderRow(item: T): ReactNode;
  rowClass?(item: T): string;
  /** Asked for rows `from` … `index` when they come into view (with a margin on either side). */
  ensure(index: number, from: number): void;
  selected: number;
  onSelect(index: number): void;
  onOpen(item: T): void;
  rowHeight?: number;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { count, itemAt, ensure, selected, onSelect, onOpen } = props;
  const rowHeight = props.rowHeight ?? 30;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const firstVisible = rows[0]?.index ?? 0;
  const lastVisible = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensure(lastVisible + 60, Math.max(0, firstVisible - 60));
  }, [firstVisible, lastVisible, count, ensure]);

  useEffect(() => {
    if (selected >= 0 && selected < count) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, count, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + page,
      PageUp: selected - page,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      onSelect(Math.max(0, Math.min(count - 1, moves[event.key]!)));
      event.preventDefault();
    } else if (event.key === 'Enter' && selected >= 0) {
      const item = itemAt(selected);
      if (item !== undefined) onOpen(item);
      event.preventDefault();
    }
  };

  return (
    <div className="vlist">
      <div className={`vlist-header ${props.className}`} aria-hidden="true">
        {props.header}
      </div>
      <div
        ref={scrollRef}
        className="vlist-scroll"
        role="listbox"
        aria-label={props.label}
        tabIndex={0}
        aria-activedescendant={selected >= 0 && selected < count ? `${idPrefix}-${selected}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => selected < 0 && count > 0 && onSelect(0)}
      >
        <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const item = itemAt(row.index);
            return (
              <div
                key={item === undefined ? `placeholder-${row.index}` : props.keyOf(item)}
                id={`${idPrefix}-${row.index}`}
                role="option"
                aria-selected={row.index === selected}
                aria-posinset={row.index + 1}
                aria-setsize={count}
                className={`vlist-row ${props.className} ${item === undefined ? 'placeholder' : (props.rowClass?.(item) ?? '')}`}
                style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
                onClick={() => {
                  onSelect(row.index);
                  if (item !== undefined) onOpen(item);
                }}
              >
                {item === undefined ? <span className="muted">Loading…</span> : props.renderRow(item)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
