/** A benchmark case: `npm run bench` runs every file in bench/cases and prints its figures. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
  /** The most this figure may be: printed beside it with "within" or "OVER". */
  budget?: number;
}

export interface BenchCase {
  name: string;
  run(): Promise<BenchFigure[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `times` times and returns each duration in milliseconds. */
export async function timeRuns(times: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn(i);
    durations.push(performance.now() - started);
  }
  return durations;
}
