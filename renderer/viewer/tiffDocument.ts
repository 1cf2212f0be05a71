// TIFF faxes: decoded by utif in a worker, drawn onto a canvas with each page's real aspect ratio (a 204 × 98 dpi
// "normal" fax is stretched to twice its pixel height, since its lines are twice as far apart as its dots).
import { sizeCanvas, type PageDocument } from './pageDocument';
import type { TiffPageInfo } from './tiffDecode';
import type { TiffReply, TiffRequest } from './tiffWorker';

const cssPerInch = 96;
/** Full-size decoded pages kept for going back and forth; each is a few MB. */
const keepPages = 4;

export async function openTiff(bytes: Uint8Array): Promise<PageDocument> {
  const worker = new Worker(new URL('./tiffWorker.ts', import.meta.url), { type: 'module', name: 'faxdesk TIFF decoder' });
  const waiting = new Map<number, { resolve(bitmap: ImageBitmap): void; reject(error: Error): void }>();
  let nextId = 1;
  const opened = new Promise<TiffPageInfo[]>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<TiffReply>) => {
      if (data.type === 'opened') resolve(data.pages);
      else if (data.type === 'page') {
        waiting.get(data.id)?.resolve(data.bitmap);
        waiting.delete(data.id);
      } else if (data.id === undefined) reject(new Error(data.message));
      else {
        waiting.get(data.id)?.reject(new Error(data.message));
        waiting.delete(data.id);
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the TIFF decoder could not start'));
  });
  const buffer = bytes.slice().buffer;
  worker.postMessage({ type: 'open', buffer } satisfies TiffRequest, [buffer]);
  const pages = await opened;

  const request = (page: number, maxWidth?: number) =>
    new Promise<ImageBitmap>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'page', id, page, maxWidth } satisfies TiffRequest);
    });

  // Full pages by index, most recently used last; small ones (thumbnails) by index too.
  const full = new Map<number, Promise<ImageBitmap>>();
  const small = new Map<number, Promise<ImageBitmap>>();
  const fullPage = (index: number) => {
    let found = full.get(index);
    if (found) full.delete(index);
    else found = request(index);
    full.set(index, found);
    while (full.size > keepPages) {
      const [oldest, bitmap] = full.entries().next().value!;
      full.delete(oldest);
      void bitmap.then((b) => b.close(), () => undefined);
    }
    return found;
  };

  const sizeOf = (index: number) => {
    const page = pages[index];
    if (!page) throw new Error(`there is no page ${index + 1}`);
    return { width: (page.width / page.xres) * cssPerInch, height: (page.height / page.yres) * cssPerInch };
  };

  // The latest draw asked of each canvas. Decoding takes longer for a page not yet cached, so an older draw can finish
  // after a newer one: going on to a page still decoding and back to a cached one would otherwise let the slow page
  // paint over the canvas while the viewer names the other. Only the latest draw of a canvas paints (as pdf.js
  // cancels a canvas's running render when the next one starts).
  const latestDraw = new WeakMap<HTMLCanvasElement, number>();
  let draws = 0;

  return {
    pageCount: pages.length,
    pageSize: async (index) => sizeOf(index),
    async draw(index, canvas, scale, rotation) {
      const { width, height } = sizeOf(index);
      const drawWidth = width * scale;
      const token = ++draws;
      latestDraw.set(canvas, token);
      // Thumbnails and small zooms are drawn from a reduced copy: less to decode into memory, smoother down-scaling.
      const bitmap = await (drawWidth <= 240 ? (small.get(index) ?? small.set(index, request(index, 480)).get(index)!) : fullPage(index));
      // Superseded while it waited, or its bitmap evicted (and closed) meanwhile: a newer draw has taken over.
      if (latestDraw.get(canvas) !== token || bitmap.width === 0) return;
      const turned = rotation % 180 !== 0;
      const ratio = sizeCanvas(canvas, turned ? height * scale : drawWidth, turned ? drawWidth : height * scale);
      const context = canvas.getContext('2d')!;
      context.save();
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.translate(canvas.width / 2, canvas.height / 2);
      context.rotate((rotation * Math.PI) / 180);
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      const w = drawWidth * ratio;
      const h = height * scale * ratio;
      context.drawImage(bitmap, -w / 2, -h / 2, w, h);
      context.restore();
    },
    destroy() {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('the fax was closed'));
      for (const bitmap of [...full.values(), ...small.values()]) void bitmap.then((b) => b.close(), () => undefined);
    },
  };
}
