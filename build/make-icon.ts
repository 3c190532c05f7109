// Renders the icons electron-builder packages, with Debian's Chromium: build/icon.svg to icon.png
// (the app, 512×512), and build/tidecast-project.svg to tidecast.icns and tidecast.ico (the
// .tidecast project file's icon, named after its extension). Run: npx tsx build/make-icon.ts
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { encodeIcns, encodeIco } from './icon-files';

const here = import.meta.dirname;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

/** The SVG drawn at `size`×`size` px with transparent corners, as PNG bytes. */
async function render(file: string, size: number): Promise<Uint8Array> {
  const svg = await readFile(join(here, file), 'utf8');
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="width:${size}px;height:${size}px" `)}</body></html>`);
    return new Uint8Array(await page.locator('svg').screenshot({ omitBackground: true }));
  } finally {
    await page.close();
  }
}

try {
  await writeFile(join(here, 'icon.png'), await render('icon.svg', 512));
  const project = await Promise.all([16, 32, 48, 128, 256, 512].map(async (size) => [size, await render('tidecast-project.svg', size)] as [number, Uint8Array]));
  await writeFile(join(here, 'tidecast.ico'), encodeIco(project.filter(([size]) => size <= 256)));
  await writeFile(join(here, 'tidecast.icns'), encodeIcns(project.filter(([size]) => size >= 128)));
  console.log('build/icon.png, build/tidecast.ico, build/tidecast.icns written');
} finally {
  await browser.close();
}
