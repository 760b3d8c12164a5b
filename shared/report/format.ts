/**
 * Text helpers shared by the HTML and Markdown renderers. Times are printed in UTC with the zone
 * named, so a report reads the same wherever it is opened.
 */

export { formatTime } from '../format-time';

const count = new Intl.NumberFormat('en-US');
export function formatCount(value: number): string {
  return count.format(value);
}

export function formatYesNo(value: boolean | null, unknown = 'unknown'): string {
  if (value === null) return unknown;
  return value ? 'yes' : 'no';
}

/** "3 errors", "1 error". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

/** Parameters of an applied statement in words: "@value = 1, @name = '…'". */
export function formatParameters(parameters: Record<string, string | number | null> | null): string {
  if (!parameters) return '';
  return Object.entries(parameters)
    .map(([name, value]) => `${name} = ${value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`}`)
    .join(', ');
}

/** File-name friendly version of a title: letters of any script kept, the rest turned into dashes. */
export function fileSlug(text: string, max = 60): string {
  const slug = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'report';
}
