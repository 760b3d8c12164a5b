/** Small English helpers shared by the engine's titles, verdicts and the Markdown export. */

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 servers x 1 thread" */
export function serversTimesThreads(servers: number, threads: number): string {
  return `${plural(servers, 'server')} x ${plural(threads, 'thread')}`;
}

/** "a", "a and b", "a, b and c" */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Rounds for display and for stable output: one decimal, no trailing ".0". */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** 11200 -> "11,200", the same on every machine (no locale). */
export function thousands(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
