// Regenerates every icon in build/ from the SVGs beside it: PNGs 16-512 (Linux, the window), icon.ico (Windows),
// icon.icns (macOS) and the tray images. Needs ImageMagick's `convert`. Run: node build/generateIcons.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const at = (...parts) => path.join(here, ...parts);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faxdesk-icons-'));

/** Renders an SVG at a size; the small design (fewer lines) stays legible at 32 px and below. */
function render(size, out, svg = size <= 32 ? 'icon-small.svg' : 'icon.svg') {
  // SVG user units are read at 72 dpi: this density rasterises at twice the target size, then scales down smoothly.
  const viewBoxSize = Number(/viewBox="0 0 (\d+)/.exec(fs.readFileSync(at(svg), 'utf8'))[1]);
  const density = Math.ceil(((size * 2) / viewBoxSize) * 72);
  execFileSync('convert', ['-background', 'none', '-density', String(density), at(svg), '-resize', `${size}x${size}`, `PNG32:${out}`]);
  return out;
}

const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];
fs.mkdirSync(at('icons'), { recursive: true });
for (const size of linuxSizes) render(size, at('icons', `${size}x${size}.png`));
execFileSync('convert', [...linuxSizes.filter((size) => size <= 256).map((size) => at('icons', `${size}x${size}.png`)), at('icon.ico')]);

// Apple's ICNS: "icns" + total length, then (type, length, PNG) entries; PNG payloads are valid since macOS 10.7.
const icnsTypes = [['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic07', 128], ['ic12', 64], ['ic08', 256], ['ic13', 256], ['ic09', 512], ['ic14', 512], ['ic10', 1024]];
const entries = icnsTypes.map(([type, size]) => {
  const png = fs.readFileSync(render(size, path.join(tmp, `${type}.png`)));
  const header = Buffer.alloc(8);
  header.write(type, 0, 'ascii');
  header.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([header, png]);
});
const body = Buffer.concat(entries);
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(body.length + 8, 4);
fs.writeFileSync(at('icon.icns'), Buffer.concat([icnsHeader, body]));

fs.mkdirSync(at('tray'), { recursive: true });
fs.copyFileSync(at('icons', '32x32.png'), at('tray', 'tray.png'));
render(16, at('tray', 'trayTemplate.png'), path.join('tray', 'trayTemplate.svg'));
render(32, at('tray', 'trayTemplate@2x.png'), path.join('tray', 'trayTemplate.svg'));
fs.rmSync(tmp, { recursive: true, force: true });
console.error(`Wrote build/icons (${linuxSizes.join(', ')} px), build/icon.ico, build/icon.icns and build/tray.`);
