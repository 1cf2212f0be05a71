// TIFF fax pages with utif: each page's size and resolution, and its pixels decoded (G3, G4 and the rest utif reads).
import * as UTIF from 'utif';

export interface TiffPageInfo {
  width: number;
  height: number;
  /** Dots per inch across and down; a "normal" fax is 204 × 98, so its pixels are twice as tall as wide. */
  xres: number;
  yres: number;
}

type Tags = Record<string, unknown>;

function firstNumber(value: unknown): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'number' && Number.isFinite(first) && first > 0 ? first : undefined;
}

export function readPages(buffer: ArrayBuffer): { ifds: UTIF.IFD[]; pages: TiffPageInfo[] } {
  const ifds = UTIF.decode(buffer);
  const pages = ifds.map((ifd) => {
    const tags = ifd as unknown as Tags;
    // TIFF 6.0: ResolutionUnit 2 = inch (the default), 3 = centimetre.
    const perInch = firstNumber(tags.t296) === 3 ? 2.54 : 1;
    const xres = (firstNumber(tags.t282) ?? 0) * perInch;
    const yres = (firstNumber(tags.t283) ?? 0) * perInch;
    return {
      width: firstNumber(tags.t256) ?? 1,
      height: firstNumber(tags.t257) ?? 1,
      // Without resolution tags, assume square pixels at 204 dpi (the fax line's horizontal resolution).
      xres: xres || yres || 204,
      yres: yres || xres || 204,
    };
  });
  return { ifds, pages };
}

export function decodePage(buffer: ArrayBuffer, ifd: UTIF.IFD): { rgba: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } {
  UTIF.decodeImage(buffer, ifd);
  const rgba = UTIF.toRGBA8(ifd);
  const width = ifd.width ?? firstNumber((ifd as unknown as Tags).t256) ?? 1;
  const height = ifd.height ?? firstNumber((ifd as unknown as Tags).t257) ?? 1;
  return { rgba: new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, width * height * 4), width, height };
}
