// A virtualized, keyboard-driven list (a listbox): only the visible rows exist in the DOM, rows not yet paged in
// from main show a placeholder of the same height, so nothing jumps while data arrives.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

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

/** Rows drawn beyond the visible ones on either side, so a quick scroll does not show empty space. */
const overscan = 12;

/**
 * The rows of a fixed row height that the scroll box shows, from its scroll position and height. Every row has the same
 * height, so this is arithmetic: nothing is measured or kept per row, which for 100,000 rows would cost tens of ms on a
 * window's first draw.
 */
function useVisibleRows(scrollRef: RefObject<HTMLDivElement | null>, count: number, rowHeight: number): { first: number; last: number } {
  // Until the box is measured, assume it is as tall as the window, with no rows beyond: the first paint has every
  // visible row and nothing more to draw; the rows for scrolling come with the measure, after that paint.
  const [view, setView] = useState(() => ({ top: 0, height: window.innerHeight, measured: false }));
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const update = () =>
      setView((current) =>
        current.measured && current.top === box.scrollTop && current.height === box.clientHeight ? current : { top: box.scrollTop, height: box.clientHeight, measured: true },
      );
    // Measured by the observer's first report, which comes once the browser has laid the window out anyway: reading the
    // box's height here would force that layout early, in the middle of the first draw (about 35 ms on a cold start).
    box.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(box);
    return () => {
      box.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [scrollRef]);
  const beyond = view.measured ? overscan : 0;
  const first = Math.max(0, Math.floor(view.top / rowHeight) - beyond);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / rowHeight) + beyond);
  return { first, last };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { count, itemAt, ensure, selected, onSelect, onOpen } = props;
  const rowHeight = props.rowHeight ?? 30;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const { first: firstVisible, last: lastVisible } = useVisibleRows(scrollRef, count, rowHeight);
  const rows: number[] = [];
  for (let index = firstVisible; index <= lastVisible; index++) rows.push(index);

  useEffect(() => {
    if (count > 0) ensure(lastVisible + 60, Math.max(0, firstVisible - 60));
  }, [firstVisible, lastVisible, count, ensure]);

  // Keeps the selected row in view, scrolling as little as needed (as a listbox does with the arrow keys).
  useEffect(() => {
    const box = scrollRef.current;
    if (!box || selected < 0 || selected >= count) return;
    const top = selected * rowHeight;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + rowHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + rowHeight - box.clientHeight;
  }, [selected, count, rowHeight]);

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
        <div className="vlist-inner" style={{ height: count * rowHeight }}>
          {rows.map((index) => {
            const item = itemAt(index);
            return (
              <div
                key={item === undefined ? `placeholder-${index}` : props.keyOf(item)}
                id={`${idPrefix}-${index}`}
                role="option"
                aria-selected={index === selected}
                aria-posinset={index + 1}
                aria-setsize={count}
                className={`vlist-row ${props.className} ${item === undefined ? 'placeholder' : (props.rowClass?.(item) ?? '')}`}
                style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
                onClick={() => {
                  onSelect(index);
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
