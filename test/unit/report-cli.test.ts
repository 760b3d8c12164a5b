import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportCli } from '../../electron/cli/report-run';
import { removeDir, tempDataDir } from '../support/host';

describe('report command line', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  beforeEach(() => {
    dir = tempDataDir('st-cli-');
    out = [];
    err = [];
  });
  afterEach(() => removeDir(dir));

  it.each([
    [['--session', 's1', '--format', 'docx', '--out', 'x'], '--format must be pdf, md or json, not "docx"'],
    [['--format', 'md', '--out', 'x'], '--session is required'],
    [['--session', 's1', '--out', 'x'], '--format is required'],
    [['--session', 's1', '--format', 'pdf'], '--out is required'],
    [['--session', 's1', '--format', 'md', '--out', 'x', '--colour', 'red'], "Unknown option '--colour'"],
  ])('exits 2 and names the bad option: %j', async (argv, message) => {
    expect(await runReportCli(argv, { SUPPORT_TOOLKIT_DATA: dir }, io)).toBe(2);
    expect(err[0]).toContain(message);
    expect(err.join('\n')).toContain('Usage: npm run -s report');
  });

  it('exits 1 with the reason in words when the report cannot be made', async () => {
    const code = await runReportCli(['--session', 'missing', '--format', 'md', '--out', `${dir}/r.md`, '--data-dir', dir], {}, io);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^Could not export the report: \w/);
    expect(err.join('\n')).not.toMatch(/at .*\.ts:\d+/);
  });
});
