import { describe, expect, it } from 'vitest';
import { describeValue } from '../../shared/wizard/words';

describe('facts read as words in the event log and the report', () => {
  it('prints times in UTC, not as raw ISO strings', () => {
    expect(describeValue('2026-11-20T23:03:06.904Z')).toBe('20 Nov 2026, 23:03 UTC');
  });
  it('prints server lists as sentences, never JSON', () => {
    const text = describeValue([
      { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
      { name: 'FE02', sendsEmail: false, zone: 'Zone B', active: false },
    ]);
    expect(text).toBe('FE01 (sends email, zone Global); FE02 (no email, zone Zone B, inactive)');
    expect(text).not.toContain('{');
  });
  it('says "none" for an empty set of per-host rows, and "unknown" for a missing value', () => {
    expect(describeValue({})).toBe('none');
    expect(describeValue([])).toBe('none');
    expect(describeValue(null)).toBe('unknown');
    expect(describeValue({ FE01: 1 })).toBe('FE01: 1');
  });
});
