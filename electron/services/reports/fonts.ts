import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPORT_FONT_FAMILY } from '../../../shared/report/styles';

/**
 * @font-face rules embedding Noto Sans (regular and bold; Latin, Latin Extended, Greek, Cyrillic) as
 * data: URLs, so a report renders and prints the same on any machine with no network and no
 * installed fonts. Other scripts (Chinese, Japanese, Arabic, ...) fall back to system fonts through
 * the stylesheet's font stack. Read once; about 230 KB of CSS.
 */
const SUBSETS = ['latin', 'latin-ext', 'greek', 'cyrillic'] as const;
const WEIGHTS = [400, 700] as const;

let cached: string | undefined;

export function reportFontCss(): string {
  cached ??= buildFontCss();
  return cached;
}

function fontsourceDir(): string {
  const require = createRequire(__filename);
  return path.dirname(require.resolve('@fontsource/noto-sans/package.json'));
}

function buildFontCss(): string {
  const dir = fontsourceDir();
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    // The package's CSS holds each subset's unicode-range; reuse it rather than copying the ranges.
    const css = readFileSync(path.join(dir, `${weight}.css`), 'utf8');
    for (const subset of SUBSETS) {
      const name = `noto-sans-${subset}-${weight}-normal`;
      const block = css.split('/* ').find((b) => b.startsWith(`${name} */`));
      const range = block?.match(/unicode-range:\s*([^;]+);/)?.[1];
      const data = readFileSync(path.join(dir, 'files', `${name}.woff2`)).toString('base64');
      rules.push(
        `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${weight};` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');${range ? `unicode-range:${range};` : ''}}`,
      );
    }
  }
  return rules.join('\n');
}
