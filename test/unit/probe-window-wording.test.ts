import { describe, expect, it } from 'vitest';
import { describeWindow } from '../../electron/services/probes/read-errors';

describe('the error search says how long it looked back', () => {
  const until = new Date('2026-11-26T12:00:00Z');
  const before = (minutes: number) => new Date(until.getTime() - minutes * 60_000);

  it('in days for the usual week', () => {
    expect(describeWindow(before(7 * 1440), until)).toBe('over the last 7 days');
  });
  it('in minutes for a check shortly after a restart, never "0 days"', () => {
    expect(describeWindow(before(25), until)).toBe('over the last 25 minutes');
    expect(describeWindow(before(1), until)).toBe('over the last minute');
    expect(describeWindow(before(0), until)).toBe('over the last minute');
  });
  it('in hours for a check later the same day', () => {
    expect(describeWindow(before(5 * 60), until)).toBe('over the last 5 hours');
  });
});
