/**
 * What the installed desktop app loads at run time must be in the package: every npm package the
 * built main process requires is a production dependency that electron-builder.yml does not
 * exclude, and so are the font files the main process embeds in reports. (Installers cannot be
 * built here, since electron-builder downloads Electron; this catches a broken app before that.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../electron/server/build-if-needed';

const root = path.resolve(__dirname, '..', '..');
const mainBundle = path.join(root, 'out', 'main', 'index.js');

/** npm package name of a bare module specifier ("@scope/pkg/file" -> "@scope/pkg"). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

let config: Configuration;
let exclusions: string[];
let required: string[];

/** True when one of electron-builder.yml's `!pattern` file rules drops this path (relative to the app). */
function excluded(file: string): string | undefined {
  return exclusions.find((pattern) => minimatch(file, pattern, { dot: true }));
}

beforeAll(async () => {
  await buildIfStale(root, { output: 'out/main/index.js', sources: ['electron/main', 'electron/services', 'shared'] });
  config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  const patterns = (Array.isArray(config.files) ? config.files : [config.files]).flatMap((set) =>
    typeof set === 'string' ? [set] : ((set as { filter?: string[] }).filter ?? []),
  );
  exclusions = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const code = readFileSync(mainBundle, 'utf8');
  const specifiers = [...code.matchAll(/\brequire(?:\$\d+)?(?:\.resolve)?\(\s*["']([^"'.][^"']*)["']\s*\)/g)].map((m) => m[1]!);
  required = [...new Set(specifiers.filter((s) => !s.startsWith('node:') && s !== 'electron').map(packageName))].sort();
}, 180_000);

describe('what the packaged desktop app needs at run time', () => {
  it('finds the packages the main process loads (the scan itself works)', () => {
    expect(required).toEqual(expect.arrayContaining(['zod', 'sql.js', '@fontsource/noto-sans']));
  });

  it('every package the main process requires is a production dependency', () => {
    const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(required.filter((name) => !(name in dependencies))).toEqual([]);
  });

  it('no package the main process requires is excluded from the package', () => {
    const dropped = required.map((name) => ({ name, rule: excluded(`node_modules/${name}/package.json`) })).filter((d) => d.rule);
    expect(dropped).toEqual([]);
  });

  it('keeps the Noto Sans files reports embed (electron/services/reports/fonts.ts), and the sql.js WebAssembly', () => {
    const needed = ['node_modules/sql.js/dist/sql-wasm.wasm', 'node_modules/@fontsource/noto-sans/400.css', 'node_modules/@fontsource/noto-sans/700.css'];
    for (const subset of ['latin', 'latin-ext', 'greek', 'cyrillic']) {
      for (const weight of [400, 700]) needed.push(`node_modules/@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff2`);
    }
    for (const file of needed) expect(readFileSync(path.join(root, file)).length, file).toBeGreaterThan(0);
    expect(needed.map((file) => ({ file, rule: excluded(file) })).filter((d) => d.rule)).toEqual([]);
  });

  it('does leave out what only the browser host or the renderer bundle uses', () => {
    expect(excluded('node_modules/playwright-core/package.json')).toBeTruthy();
    expect(excluded('node_modules/react/package.json')).toBeTruthy();
    expect(excluded('node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2')).toBeTruthy();
  });
});
