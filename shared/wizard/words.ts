import { formatTime } from '../format-time';
import { stepOfFact } from './context';
import type { Playbook } from './playbook';
import type { FactValue } from './session';

/** Facts in words, the same in the event log, the wizard and the report. */

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const count = (n: number, one: string) => `${NUMBER.format(n)} ${n === 1 ? one : `${one}s`}`;

/**
 * A fact's value in words, the same in the event log, the wizard and the report: times in UTC,
 * server lists as "FE01 (sends email, zone Global)", an empty set as "none", never raw JSON.
 */
export function describeValue(value: FactValue | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // "12,383" as the diagnosis and the report write it, never "12383" beside it.
  if (typeof value === 'number') return NUMBER.format(value);
  if (typeof value === 'string') return ISO_TIME.test(value) ? formatTime(value, value) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((item) => (item && typeof item === 'object' && !Array.isArray(item) && 'name' in item ? describeRow(item) : describeValue(item as FactValue)))
      .join('; ');
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return 'none';
  return entries.map(([key, v]) => `${key}: ${describeValue(v as FactValue)}`).join(', ');
}

/**
 * A named row by its own fields: a server list's row as "FE01 (sends email, zone Global)", a
 * sender's as "QA (1 server x 2 threads)", any other as "QA (recipients: 5100)".
 */
export function describeRow(row: Record<string, unknown>): string {
  const { name, ...fields } = row;
  let extra: string;
  if ('sendsEmail' in fields || 'zone' in fields) {
    const sends = fields.sendsEmail === true ? 'sends email' : fields.sendsEmail === false ? 'no email' : 'email not known';
    extra = `${sends}, zone ${String(fields.zone ?? 'not known')}${fields.active === false ? ', inactive' : ''}`;
  } else if (typeof fields.servers === 'number' && typeof fields.threads === 'number') {
    extra = `${count(fields.servers, 'server')} x ${count(fields.threads, 'thread')}`;
  } else {
    extra = Object.entries(fields)
      .map(([key, value]) => `${key}: ${describeValue(value as FactValue)}`)
      .join(', ');
  }
  return extra ? `${String(name)} (${extra})` : String(name);
}

export function labelOf(playbook: Playbook, key: string): string {
  return stepOfFact(playbook, key)?.facts.find((f) => f.key === key)?.label ?? key;
}
