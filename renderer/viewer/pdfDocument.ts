// PDF faxes through pdf.js, its worker bundled by Vite and loaded from 'self' as the CSP allows.
import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFPageProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { sizeCanvas, type PageDocument } from './pageDocument';

GlobalWorkerOptions.workerSrc = workerUrl;

/** PDF user space is 72 units per inch; CSS is 96 px per inch. */
const cssPerPoint = 96 / 72;

/** One pdf.js worker for the window's life, started before the first fax opens (it parses 1 MB of script). */
let sharedWorker: PDFWorker | undefined;
export function warmUp(): PDFWorker {
  return (sharedWorker ??= new PDFWorker());
}

export async function openPdf(bytes: Uint8Array): Promise<PageDocument> {
  // No eval and no WebAssembly: the window's CSP allows neither, and pdf.js has plain JS paths for both.
  const task = getDocument({ data: bytes, isEvalSupported: false, useWasm: false, worker: warmUp() });
  const pdf = await task.promise;
  const pages = new Map<number, Promise<PDFPageProxy>>();
  const page = (index: number) => {
    let found = pages.get(index);
    if (!found) pages.set(index, (found = pdf.getPage(index + 1)));
    return found;
  };
  const running = new WeakMap<HTMLCanvasElement, RenderTask>();
  // The latest draw asked of each canvas: a draw still waiting for its page must not cancel a newer one that got its
  // (cached) page first and start painting over it.
  const latestDraw = new WeakMap<HTMLCanvasElement, number>();
  let draws = 0;

  return {
    pageCount: pdf.numPages,
    async pageSize(index) {
      const viewport = (await page(index)).getViewport({ scale: cssPerPoint });
      return { width: viewport.width, height: viewport.height };
    },
    async draw(index, canvas, scale, rotation) {
      const token = ++draws;
      latestDraw.set(canvas, token);
      const proxy = await page(index);
      if (latestDraw.get(canvas) !== token) return;
      running.get(canvas)?.cancel();
      const viewport = proxy.getViewport({ scale: scale * cssPerPoint, rotation: (proxy.rotate + rotation) % 360 });
      const ratio = sizeCanvas(canvas, viewport.width, viewport.height);
      const render = proxy.render({
        canvas,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        background: '#ffffff',
      });
      running.set(canvas, render);
      try {
        await render.promise;
      } catch (error) {
        // A newer draw on the same canvas cancelled this one: not an error worth showing.
        if ((error as { name?: string }).name !== 'RenderingCancelledException') throw error;
      }
    },
    destroy() {
      void task.destroy();
    },
  };
}
