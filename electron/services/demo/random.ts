import { DAY, HOUR, type DemoSeed } from './seed-model';

/** A small deterministic generator (mulberry32), so seeds do not change between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `count` errors at working hours over the last `days` days, newest no later than one hour ago. */
export function spread(now: Date, random: () => number, count: number, days: number, servers: string[], messages: readonly string[], module: string) {
  const rows: DemoSeed['errors'] = [];
  for (let i = 0; i < count; i++) {
    const instant = new Date(now.getTime() - HOUR - Math.floor(random() * (days * DAY - HOUR)));
    rows.push({ instant, server: pick(random, servers), message: pick(random, messages).replace('{id}', String(40000 + i)), module });
  }
  return rows;
}

/** `count` errors between `fromMs` and `toMs` before now, ids from `firstId`. */
export function between(
  now: Date,
  random: () => number,
  count: number,
  fromMs: number,
  toMs: number,
  servers: string[],
  messages: readonly string[],
  module: string,
  firstId: number,
) {
  const rows: DemoSeed['errors'] = [];
  for (let i = 0; i < count; i++) {
    const instant = new Date(now.getTime() - toMs - Math.floor(random() * (fromMs - toMs)));
    rows.push({ instant, server: pick(random, servers), message: pick(random, messages).replace('{id}', String(firstId + i)), module });
  }
  return rows;
}
