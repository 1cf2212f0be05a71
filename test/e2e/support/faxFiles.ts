// Fax files made on the spot for tests that need a page to draw but not a real fax line's file.
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** An A4 PDF with `pages` pages, each with a heading and a black bar (so a drawn page has ink). */
export async function makePdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`faxdesk test fax - page ${i} of ${pages}`, { x: 60, y: 770, size: 18, font });
    page.drawRectangle({ x: 60, y: 680, width: 100 + i * 20, height: 20, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await doc.save());
}
