// What the page viewer needs of a fax file, whatever its format: how many pages, their sizes, and drawing one.
import { whenIdle } from '../whenIdle';

/** A page's size in CSS pixels at 100 % zoom (its real size at 96 px per inch), before rotation. */
export interface PageSize {
  width: number;
  height: number;
}

export interface PageDocument {
  readonly pageCount: number;
  pageSize(index: number): Promise<PageSize>;
  /** Draws page `index` (0-based) into `canvas` at `scale` × its real size, turned clockwise by `rotation` degrees. */
  draw(index: number, canvas: HTMLCanvasElement, scale: number, rotation: number): Promise<void>;
  destroy(): void;
}

export async function openPageDocument(bytes: Uint8Array, format: 'pdf' | 'tiff'): Promise<PageDocument> {
  // Each decoder loads only when a fax of its kind is opened.
  if (format === 'pdf') return (await import('./pdfDocument')).openPdf(bytes);
  return (await import('./tiffDocument')).openTiff(bytes);
}

/** Loads the decoders and starts pdf.js's worker while the window is idle, so opening the first fax is quick. */
export function preloadViewers(): void {
  whenIdle(() => {
    void import('./pdfDocument').then((pdf) => pdf.warmUp());
    void import('./tiffDocument');
  });
}

/** Sizes the canvas for `width`×`height` CSS pixels, sharp on high-density screens; returns its device pixel ratio. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): number {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  canvas.style.width = `${Math.round(width)}px`;
  canvas.style.height = `${Math.round(height)}px`;
  return ratio;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
