/**
 * `npm run icons`: renders the app icon (build/icon.svg) into what electron-builder packages, in
 * build/icons/ (generated, not committed):
 *   - NxN.png for 16..1024 px: the Linux icon set (AppImage, deb), each rendered from the SVG at
 *     its own size so small icons stay sharp instead of being shrunk from a large bitmap;
 *   - icon.png (1024 px), the fallback electron-builder looks for;
 *   - icon.ico for Windows (installer, portable exe, taskbar) and icon.icns for macOS, both made
 *     by png2icons from the 1024 px rendering.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as png2icons from 'png2icons';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const buildDir = __dirname;
const source = path.join(buildDir, 'icon.svg');
const outDir = path.join(buildDir, 'icons');

function renderPng(svg: string, size: number): Buffer {
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render();
  if (rendered.width !== size || rendered.height !== size)
    throw new Error(`build/icon.svg must be square: got ${rendered.width}x${rendered.height} at ${size} px`);
  return rendered.asPng();
}

function write(name: string, data: Buffer | null, what: string): void {
  if (!data || data.length === 0) throw new Error(`Could not make ${what} (${name})`);
  writeFileSync(path.join(outDir, name), data);
  console.log(`  ${name.padEnd(14)} ${(data.length / 1024).toFixed(1).padStart(7)} KiB`);
}

function main(): void {
  const svg = readFileSync(source, 'utf8');
  // Start clean so a size dropped from the list does not linger in the package.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  console.log(`Icons from ${path.relative(process.cwd(), source)} into ${path.relative(process.cwd(), outDir)}/`);

  let largest: Buffer | null = null;
  for (const size of ICON_SIZES) {
    const png = renderPng(svg, size);
    write(`${size}x${size}.png`, png, `the ${size} px PNG`);
    largest = png;
  }
  // icon.png: the single large PNG electron-builder falls back to when a platform icon is missing.
  write('icon.png', largest, 'the large PNG');
  // ICO: forWinExe keeps the small sizes as BMP, which Windows' resource tools (rcedit, NSIS) need.
  write('icon.ico', png2icons.createICO(largest!, png2icons.BICUBIC2, 0, false, true), 'the Windows icon');
  write('icon.icns', png2icons.createICNS(largest!, png2icons.BICUBIC2, 0), 'the macOS icon');
}

main();
