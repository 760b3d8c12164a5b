import type { ReportCalculation } from './model';
import { escapeHtml } from './escape';

/**
 * A small horizontal bar chart, as inline SVG: per mailbox, the connections before and after the
 * change against the limit (a dashed line). Bars over the limit are red, within it green. Works in
 * the PDF without scripts or external files.
 */
export function renderBudgetChart(calculation: ReportCalculation): string {
  const rows = calculation.mailboxes.flatMap((m) => [
    { group: m.mailbox, label: 'Before', value: m.before.connections, limit: m.limit },
    ...(m.after ? [{ group: m.mailbox, label: 'After', value: m.after.connections, limit: m.limit }] : []),
  ]);
  if (rows.length === 0) return '';

  const width = 560;
  const labelWidth = 170;
  const barHeight = 20;
  const gap = 8;
  const groupGap = 14;
  const top = 8;
  const axisHeight = 28;
  const plotWidth = width - labelWidth - 40;
  const maxValue = Math.max(1, ...rows.map((r) => Math.max(r.value, r.limit))) + 1;
  const x = (value: number) => labelWidth + (value / maxValue) * plotWidth;

  const parts: string[] = [];
  let y = top;
  let previousGroup: string | null = null;
  const groupStarts: Array<{ y: number; limit: number; end: number }> = [];
  for (const row of rows) {
    if (previousGroup !== null && previousGroup !== row.group) y += groupGap;
    if (previousGroup !== row.group) groupStarts.push({ y, limit: row.limit, end: y });
    previousGroup = row.group;
    const over = row.value > row.limit;
    const barWidth = Math.max(0, x(row.value) - labelWidth);
    const fill = over ? '#c62828' : '#2e7d32';
    const showGroup = calculation.mailboxes.length > 1;
    const label = showGroup && row.label === 'Before' ? `${truncate(row.group, 20)} · before` : showGroup ? 'after' : row.label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + barHeight * 0.7}" text-anchor="end" font-size="12" fill="#333">${escapeHtml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${fill}" rx="2"/>`,
      `<text x="${(labelWidth + barWidth + 6).toFixed(1)}" y="${y + barHeight * 0.7}" font-size="12" font-weight="700" fill="${fill}">${row.value}${over ? ' (over)' : ''}</text>`,
    );
    groupStarts[groupStarts.length - 1]!.end = y + barHeight;
    y += barHeight + gap;
  }
  for (const g of groupStarts) {
    const lx = x(g.limit).toFixed(1);
    parts.push(
      `<line x1="${lx}" x2="${lx}" y1="${g.y - 4}" y2="${g.end + 4}" stroke="#1a237e" stroke-width="2" stroke-dasharray="5 3"/>`,
    );
  }
  const axisY = y + 4;
  const limitX = x(calculation.limit).toFixed(1);
  parts.push(
    `<line x1="${labelWidth}" x2="${labelWidth + plotWidth}" y1="${axisY}" y2="${axisY}" stroke="#999" stroke-width="1"/>`,
    `<text x="${limitX}" y="${axisY + 16}" text-anchor="middle" font-size="11" fill="#1a237e">limit ${calculation.limit}</text>`,
    `<text x="${labelWidth}" y="${axisY + 16}" text-anchor="start" font-size="11" fill="#666">0</text>`,
  );
  const height = axisY + axisHeight - 6;
  const summary = calculation.mailboxes
    .map((m) => `${m.mailbox}: ${m.before.connections} before${m.after ? `, ${m.after.connections} after` : ''}, limit ${m.limit}`)
    .join('; ');
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Concurrent connections per mailbox. ${summary}`)}">`,
    `<title>${escapeHtml(`Concurrent connections per mailbox. ${summary}`)}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
