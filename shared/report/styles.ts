/**
 * The report's stylesheet, inline in the document so the HTML and the PDF need no other file.
 * The bundled font (passed in as @font-face rules) covers Latin, Greek and Cyrillic; other scripts
 * fall back to system fonts (Noto Sans CJK on Linux, YaHei/PingFang/Hiragino on Windows and macOS).
 */
export const REPORT_FONT_FAMILY = 'Report Sans';

export function reportStyles(pageSize: 'A4' | 'Letter'): string {
  return `
@page { size: ${pageSize}; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body {
  margin: 0 auto; padding: 28px 32px; max-width: 860px; color: #1b1f24; background: #fff;
  font-family: '${REPORT_FONT_FAMILY}', 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans CJK KR',
    'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.45;
}
h1 { font-size: 19pt; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 13.5pt; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 2px solid #1a237e; color: #1a237e; }
h3 { font-size: 11pt; margin: 14px 0 6px; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
/* A heading stays with what follows it (a page never ends on a heading): the heading, and a short
   introduction right after it, avoid a break after them, so a figure or a block that moves to the
   next page takes its heading along. */
h4 { break-after: avoid; page-break-after: avoid; }
h1, h2, h3, h4 { break-inside: avoid; page-break-inside: avoid; }
h2 + p, h3 + p, h4 + p { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 8px; }
.subtitle { color: #555; margin: 0 0 14px; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; }
thead { display: table-header-group; }
tr, .keep { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 4px 7px; border-bottom: 1px solid #d7dbe0; }
th { background: #eef0f6; font-size: 9pt; color: #333; font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 30%; background: none; font-size: 10pt; color: #555; font-weight: 600; }
.outcome { display: inline-block; padding: 1px 10px; border-radius: 10px; font-weight: 700; }
.outcome-resolved { background: #e3f3e5; color: #1b5e20; }
.outcome-not-resolved { background: #fde7e7; color: #b71c1c; }
.outcome-within-limit-other-cause, .outcome-in-progress { background: #e6ecfa; color: #1a237e; }
.outcome-mitigated, .outcome-applied-not-verified { background: #fff3d6; color: #7a4b00; }
.summary { font-size: 11pt; background: #f6f7fb; border-left: 4px solid #1a237e; padding: 8px 12px; margin: 10px 0 4px; }
pre, code { font-family: 'Noto Sans Mono', 'DejaVu Sans Mono', Consolas, Menlo, monospace; font-size: 9pt; }
pre { white-space: pre-wrap; word-break: break-word; background: #f3f4f6; border: 1px solid #e1e4e8; padding: 6px 9px; border-radius: 4px; margin: 4px 0 8px; break-inside: avoid; }
.muted { color: #666; }
.small { font-size: 9pt; }
.over { color: #b71c1c; font-weight: 700; }
.within { color: #1b5e20; font-weight: 700; }
.chart { display: block; margin: 6px 0 10px; max-width: 100%; height: auto; }
.change { break-inside: avoid; page-break-inside: avoid; margin: 0 0 10px; }
ul.refs { padding-left: 18px; }
ul.refs li, li { margin-bottom: 4px; break-inside: avoid; page-break-inside: avoid; }
td.when, span.when { white-space: nowrap; }
table.log td { font-size: 9pt; padding: 3px 7px; }
a { color: #1a237e; word-break: break-all; }
figure.attachment { margin: 8px 0 16px; break-inside: avoid; page-break-inside: avoid; }
figure.attachment img { display: block; max-width: 100%; max-height: 190mm; width: auto; height: auto; border: 1px solid #d7dbe0; }
figure.attachment figcaption { margin-top: 4px; }
code.hash { font-size: 7.5pt; word-break: break-all; }
@media print {
  body { padding: 0; max-width: none; }
}
`;
}
