/** Reading driver values the same way whatever the engine returns (Date vs text, 1 vs true vs 'Y'). */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function flag(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const s = String(value).trim().toLowerCase();
  if (['1', 'true', 'y', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'n', 'no', 'off'].includes(s)) return false;
  return null;
}

export function count(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}
