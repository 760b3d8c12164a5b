/**
 * Text helpers shared by the HTML and Markdown renderers. Times are printed in UTC with the zone
 * named, so a report reads the same wherever it is opened.
 */

import { withoutHiddenCharacters } from './file-name-text';

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

/**
 * A piece of a file name that every file system accepts: no path or reserved characters, letters of
 * any script and spaces kept, one line, no trailing dot or space; '' when nothing is left.
 */
export function fileNamePart(text: string, max = 60): string {
  return withoutHiddenCharacters(text)
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .replace(/[ .]+$/g, '');
}
