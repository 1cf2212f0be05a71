// Decodes TIFF fax pages off the window's thread, so a 20-page G4 fax never freezes scrolling or typing.
import type { IFD } from 'utif';
import { decodePage, readPages } from './tiffDecode';

export type TiffRequest = { type: 'open'; buffer: ArrayBuffer } | { type: 'page'; id: number; page: number; maxWidth?: number };
export type TiffReply =
  | { type: 'opened'; pages: ReturnType<typeof readPages>['pages'] }
  | { type: 'page'; id: number; bitmap: ImageBitmap }
  | { type: 'error'; id?: number; message: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<TiffRequest>) => void) | null;
  postMessage(message: TiffReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let file: { buffer: ArrayBuffer; ifds: IFD[] } | undefined;

scope.onmessage = async ({ data }) => {
  if (data.type === 'open') {
    try {
      const { ifds, pages } = readPages(data.buffer);
      file = { buffer: data.buffer, ifds };
      scope.postMessage({ type: 'opened', pages });
    } catch (error) {
      scope.postMessage({ type: 'error', message: `This TIFF cannot be read: ${(error as Error).message}` });
    }
    return;
  }
  try {
    const ifd = file?.ifds[data.page];
    if (!file || !ifd) throw new Error(`there is no page ${data.page + 1}`);
    const { rgba, width, height } = decodePage(file.buffer, ifd);
    const image = new ImageData(rgba, width, height);
    const bitmap = data.maxWidth && data.maxWidth < width
      ? await createImageBitmap(image, { resizeWidth: data.maxWidth, resizeHeight: Math.max(1, Math.round((height * data.maxWidth) / width)), resizeQuality: 'medium' })
      : await createImageBitmap(image);
    scope.postMessage({ type: 'page', id: data.id, bitmap }, [bitmap]);
  } catch (error) {
    scope.postMessage({ type: 'error', id: data.id, message: `Page ${data.page + 1} cannot be decoded: ${(error as Error).message}` });
  }
};
