// The page viewer: one fax's pages with thumbnails, zoom, fit width, rotation and page-by-page navigation.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { openPageDocument, type PageDocument, type PageSize } from './pageDocument';

type Zoom = { fit: 'width' } | { scale: number };
const zoomSteps = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4];

function usePageDocument(bytes: Uint8Array | undefined, format: 'pdf' | 'tiff') {
  const [state, setState] = useState<{ doc?: PageDocument; error?: string }>({});
  useEffect(() => {
    if (!bytes) return;
    let doc: PageDocument | undefined;
    let cancelled = false;
    setState({});
    openPageDocument(bytes, format).then(
      (opened) => {
        doc = opened;
        if (cancelled) opened.destroy();
        else setState({ doc: opened });
      },
      (error: unknown) => !cancelled && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
      doc?.destroy();
    };
  }, [bytes, format]);
  return state;
}

function Thumbnail({ doc, index, current, onPick }: { doc: PageDocument; index: number; current: boolean; onPick(index: number): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Drawn when scrolled into view, so a long fax does not decode every page up front.
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void doc
        .pageSize(index)
        .then((size) => doc.draw(index, element, 96 / size.width, 0))
        .then(() => setDrawn(true), () => undefined);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [doc, index]);
  return (
    <li>
      <button type="button" className="thumb" aria-current={current ? 'page' : undefined} onClick={() => onPick(index)} aria-label={`Page ${index + 1}`}>
        <canvas ref={canvas} className={drawn ? '' : 'thumb-pending'} aria-hidden="true" />
        <span aria-hidden="true">{index + 1}</span>
      </button>
    </li>
  );
}

export function FaxViewer({ bytes, format, label }: { bytes?: Uint8Array; format: 'pdf' | 'tiff'; label: string }) {
  const { doc, error } = usePageDocument(bytes, format);
  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState<Zoom>({ fit: 'width' });
  const [rotation, setRotation] = useState(0);
  const [size, setSize] = useState<PageSize>();
  const [areaWidth, setAreaWidth] = useState(0);
  const [drawnKey, setDrawnKey] = useState('');
  const [drawError, setDrawError] = useState<string>();
  const area = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const count = doc?.pageCount ?? 0;

  useEffect(() => {
    setPage(0);
    setRotation(0);
  }, [doc]);

  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAreaWidth(element.clientWidth));
    observer.observe(element);
    setAreaWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc) return;
    let current = true;
    void doc.pageSize(page).then((found) => current && setSize(found));
    return () => {
      current = false;
    };
  }, [doc, page]);

  const turned = rotation % 180 !== 0;
  const fitScale = size && areaWidth > 0 ? Math.max(0.1, (areaWidth - 32) / (turned ? size.height : size.width)) : undefined;
  const scale = 'scale' in zoom ? zoom.scale : fitScale;

  useEffect(() => {
    if (!doc || !scale || !canvas.current) return;
    let current = true;
    const key = `${page}:${scale}:${rotation}`;
    doc.draw(page, canvas.current, scale, rotation).then(
      () => current && (setDrawnKey(key), setDrawError(undefined)),
      (failure: unknown) => current && setDrawError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [doc, page, scale, rotation]);

  const go = useCallback((to: number) => setPage(Math.max(0, Math.min(count - 1, to))), [count]);
  const zoomBy = (direction: 1 | -1) => {
    const now = scale ?? 1;
    const next = direction > 0 ? zoomSteps.find((step) => step > now + 0.001) : [...zoomSteps].reverse().find((step) => step < now - 0.001);
    setZoom({ scale: next ?? now });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      PageDown: () => go(page + 1),
      PageUp: () => go(page - 1),
      ArrowRight: () => go(page + 1),
      ArrowLeft: () => go(page - 1),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
    };
    const action = keys[event.key];
    if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
      action();
      event.preventDefault();
    }
  };

  return (
    <section className="viewer" aria-label={label}>
      <div className="viewer-tools" role="toolbar" aria-label="Page viewer">
        <button type="button" onClick={() => go(page - 1)} disabled={page <= 0} aria-label="Previous page" title="Previous page (Page Up)">
          ‹
        </button>
        <span className="page-of" aria-live="polite" data-testid="page-of">
          {count ? `Page ${page + 1} of ${count}` : 'Opening…'}
        </span>
        <button type="button" onClick={() => go(page + 1)} disabled={page >= count - 1} aria-label="Next page" title="Next page (Page Down)">
          ›
        </button>
        <span className="divider" />
        <button type="button" onClick={() => zoomBy(-1)} disabled={!scale} aria-label="Zoom out" title="Zoom out (-)">
          −
        </button>
        <span className="zoom-value">{scale ? `${Math.round(scale * 100)} %` : ''}</span>
        <button type="button" onClick={() => zoomBy(1)} disabled={!scale} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" onClick={() => setZoom({ fit: 'width' })} aria-pressed={'fit' in zoom}>
          Fit width
        </button>
        <button type="button" onClick={() => setZoom({ scale: 1 })} aria-pressed={'scale' in zoom && zoom.scale === 1}>
          Actual size
        </button>
        <button type="button" onClick={() => setRotation((rotation + 90) % 360)} title="Rotate clockwise">
          Rotate
        </button>
      </div>
      <div className="viewer-body">
        <nav className="thumbs" aria-label="Pages">
          <ol>{doc && Array.from({ length: count }, (_, index) => <Thumbnail key={index} doc={doc} index={index} current={index === page} onPick={go} />)}</ol>
        </nav>
        <div className="page-area" ref={area} tabIndex={0} onKeyDown={onKeyDown} aria-label={`${label}, page ${page + 1}`} role="region">
          {error || drawError ? (
            <p className="page-message" role="alert">
              {error ?? drawError}
            </p>
          ) : !doc ? (
            <p className="page-message muted">Opening the fax…</p>
          ) : null}
          <canvas
            ref={canvas}
            className="page-canvas"
            data-testid="page-canvas"
            data-drawn={drawnKey.startsWith(`${page}:`) ? `page ${page + 1}` : ''}
            role="img"
            aria-label={`Page ${page + 1} of ${count}`}
            hidden={!doc}
          />
        </div>
      </div>
    </section>
  );
}
