// Reads a QR code off the page as a phone would see it: the SVG drawn into pixels, then
// decoded by jsQR, a decoder that shares nothing with the encoder the page uses.
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

const JSQR = join(ROOT, 'node_modules', 'jsqr', 'dist', 'jsQR.js');

/** The text of the QR code drawn by `svg.qr` on `page`; `null` when it does not decode. */
export async function readQr(page, { pixelsPerModule = 6 } = {}) {
  await page.addScriptTag({ path: JSQR });
  return page.evaluate(async (scale) => {
    const svg = document.querySelector('svg.qr');
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    // The quiet zone is light, as on the page's white QR box.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
  }, pixelsPerModule);
}
