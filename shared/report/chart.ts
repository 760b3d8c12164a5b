import type { ReportCalculation } from './model';
import { thousands } from '../capacity/wording';
import { escapeHtml } from './escape';

/**
 * A small horizontal bar chart of values against a limit: per group (a mailbox), one bar per state
 * (before / now / after), a dashed line at the group's limit, an axis from 0 with the limit named.
 * The geometry is laid out once here, as marks; the report writes them as an SVG string with its
 * own colours (works in the PDF without scripts or external files) and the What-if page draws the
 * same marks as React elements styled by the page's theme.
 */

/** What a mark stands for; each renderer picks its colour from it. */
export type ChartTone = 'ok' | 'over' | 'after';

export interface ChartBar {
  /** The state, e.g. "Before", "now". */
  label: string;
  value: number;
  /** The number as written past the bar, e.g. "4 (over)". */
  valueText: string;
  tone: ChartTone;
}

export interface ChartGroup {
  name: string;
  limit: number;
  bars: ChartBar[];
}

export type ChartMark =
  | { kind: 'label'; x: number; y: number; text: string }
  | { kind: 'bar'; x: number; y: number; width: number; height: number; tone: ChartTone }
  | { kind: 'value'; x: number; y: number; text: string; tone: ChartTone }
  | { kind: 'limit'; x: number; y1: number; y2: number }
  | { kind: 'axis'; x1: number; x2: number; y: number }
  | { kind: 'axis-label'; x: number; y: number; text: string; anchor: 'start' | 'middle'; limit: boolean };

export interface ChartLayout {
  width: number;
  height: number;
  marks: ChartMark[];
}

const LABEL_WIDTH = 190;
const PLOT_WIDTH = 350;
const BAR_HEIGHT = 20;
const GAP = 8;
const GROUP_GAP = 14;
const TOP = 8;
const AXIS_HEIGHT = 28;
/** Roughly the width of one character of the 12 px labels, a little generous. */
const CHAR_WIDTH = 7;
/** How many characters a row label may have to fit left of the bars. */
const LABEL_CHARS = Math.floor((LABEL_WIDTH - 8) / CHAR_WIDTH);

/**
 * Lays the chart out. Each bar's row is labelled by its state; when there are several groups (or
 * `nameGroups`), the first bar of a group carries the group's name as well ("mailbox · before").
 */
export function layoutLimitChart(groups: ChartGroup[], limit: number, options: { nameGroups?: boolean } = {}): ChartLayout {
  const bars = groups.flatMap((g) => g.bars.map((b) => Math.max(b.value, g.limit)));
  if (bars.length === 0) return { width: 0, height: 0, marks: [] };
  const maxValue = Math.max(1, limit, ...bars) * 1.15;
  const x = (value: number) => LABEL_WIDTH + (value / maxValue) * PLOT_WIDTH;
  const showGroup = options.nameGroups || groups.length > 1;
  // Room on the right for the value written past the longest bar.
  const right = Math.max(40, ...groups.flatMap((g) => g.bars.map((b) => x(b.value) - LABEL_WIDTH - PLOT_WIDTH + 6 + b.valueText.length * CHAR_WIDTH + 4)));

  const marks: ChartMark[] = [];
  const limits: ChartMark[] = [];
  let y = TOP;
  groups.forEach((group, g) => {
    if (g > 0) y += GROUP_GAP;
    const start = y;
    group.bars.forEach((bar, b) => {
      const state = showGroup ? bar.label.toLowerCase() : bar.label;
      const text =
        showGroup && b === 0 ? (state ? `${truncate(group.name, LABEL_CHARS - state.length - 3)} · ${state}` : truncate(group.name, LABEL_CHARS)) : state;
      const width = Math.max(1, x(bar.value) - LABEL_WIDTH);
      marks.push(
        { kind: 'label', x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT * 0.7, text },
        { kind: 'bar', x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, tone: bar.tone },
        { kind: 'value', x: LABEL_WIDTH + width + 6, y: y + BAR_HEIGHT * 0.7, text: bar.valueText, tone: bar.tone },
      );
      y += BAR_HEIGHT + GAP;
    });
    limits.push({ kind: 'limit', x: x(group.limit), y1: start - 4, y2: y - GAP + 4 });
  });
  const axisY = y + 4;
  marks.push(
    ...limits,
    { kind: 'axis', x1: LABEL_WIDTH, x2: LABEL_WIDTH + PLOT_WIDTH, y: axisY },
    { kind: 'axis-label', x: x(limit), y: axisY + 16, text: `limit ${thousands(limit)}`, anchor: 'middle', limit: true },
    { kind: 'axis-label', x: LABEL_WIDTH, y: axisY + 16, text: '0', anchor: 'start', limit: false },
  );
  return { width: Math.ceil(LABEL_WIDTH + PLOT_WIDTH + right), height: axisY + AXIS_HEIGHT - 6, marks };
}

/** The report's colours: red over the limit, green within it. */
const REPORT_FILL: Record<ChartTone, string> = { ok: '#2e7d32', over: '#c62828', after: '#2e7d32' };

/** Per mailbox, the connections before and after the change against the limit, as inline SVG. */
export function renderBudgetChart(calculation: ReportCalculation): string {
  const groups: ChartGroup[] = calculation.mailboxes.map((m) => ({
    name: m.mailbox,
    limit: m.limit,
    bars: [{ label: 'Before', value: m.before.connections }, ...(m.after ? [{ label: 'After', value: m.after.connections }] : [])].map((b) => ({
      ...b,
      valueText: `${b.value}${b.value > m.limit ? ' (over)' : ''}`,
      tone: b.value > m.limit ? 'over' : 'ok',
    })),
  }));
  const layout = layoutLimitChart(groups, calculation.limit);
  if (layout.marks.length === 0) return '';
  const n = (v: number) => String(Math.round(v * 10) / 10);
  const parts = layout.marks.map((mark) => {
    switch (mark.kind) {
      case 'label':
        return `<text x="${n(mark.x)}" y="${n(mark.y)}" text-anchor="end" font-size="12" fill="#333">${escapeHtml(mark.text)}</text>`;
      case 'bar':
        return `<rect x="${n(mark.x)}" y="${n(mark.y)}" width="${n(mark.width)}" height="${mark.height}" fill="${REPORT_FILL[mark.tone]}" rx="2"/>`;
      case 'value':
        return `<text x="${n(mark.x)}" y="${n(mark.y)}" font-size="12" font-weight="700" fill="${REPORT_FILL[mark.tone]}">${escapeHtml(mark.text)}</text>`;
      case 'limit':
        return `<line x1="${n(mark.x)}" x2="${n(mark.x)}" y1="${n(mark.y1)}" y2="${n(mark.y2)}" stroke="#1a237e" stroke-width="2" stroke-dasharray="5 3"/>`;
      case 'axis':
        return `<line x1="${n(mark.x1)}" x2="${n(mark.x2)}" y1="${n(mark.y)}" y2="${n(mark.y)}" stroke="#999" stroke-width="1"/>`;
      case 'axis-label':
        return `<text x="${n(mark.x)}" y="${n(mark.y)}" text-anchor="${mark.anchor}" font-size="11" fill="${mark.limit ? '#1a237e' : '#666'}">${escapeHtml(mark.text)}</text>`;
    }
  });
  const summary = calculation.mailboxes
    .map((m) => `${m.mailbox}: ${m.before.connections} before${m.after ? `, ${m.after.connections} after` : ''}, limit ${m.limit}`)
    .join('; ');
  const name = escapeHtml(`Concurrent connections per mailbox. ${summary}`);
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${n(layout.height)}" viewBox="0 0 ${layout.width} ${n(layout.height)}" role="img" aria-label="${name}">`,
    `<title>${name}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
