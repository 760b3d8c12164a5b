import { describe, expect, it } from 'vitest';
import { driverText } from '../../electron/services/db/errors';
import { describeRow, describeValue } from '../../shared/wizard/words';

/** Words and numbers a support engineer reads every day, the same wherever they appear. */
describe('words and numbers', () => {
  it('a number of the wizard is written as the diagnosis writes it: 12,383, not 12383', () => {
    expect(describeValue(12383)).toBe('12,383');
    expect(describeValue(3)).toBe('3');
  });

  it('another sender reads "1 server x 1 thread", never "1 servers x 1 threads"', () => {
    expect(describeRow({ name: 'QA', servers: 1, threads: 1 })).toBe('QA (1 server x 1 thread)');
    expect(describeRow({ name: 'DEV', servers: 2, threads: 3 })).toBe('DEV (2 servers x 3 threads)');
  });

  it("a driver's line wrapped in its own error is written once in the connection details", () => {
    const inner = Object.assign(new Error('Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ESOCKET' });
    const outer = Object.assign(new Error('Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ESOCKET', originalError: inner });
    expect(driverText(outer)).toBe('ESOCKET | Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433');
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ECONNREFUSED' });
    expect(driverText(Object.assign(new Error('Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433'), { cause }))).toBe(
      'Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433',
    );
  });
});
