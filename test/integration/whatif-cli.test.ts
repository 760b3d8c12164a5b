import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWhatIf } from '../../electron/cli/whatif-run';
import { computeBudget, expandShorthand } from '../../shared/capacity/engine';
import { PROJECT_ROOT, removeDir, tempDataDir } from '../support/host';

const noFile = async (file: string) => {
  throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
};
const run = (args: string) => runWhatIf(args.split(' ').filter(Boolean), noFile);

describe('whatif command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('st-whatif-');
  });
  afterEach(() => removeDir(dir));

  it('2 servers x 2 threads: over the limit, exit 1, recommends 2 servers x 1 thread', async () => {
    const out = await run('--servers 2 --threads 2');
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('2 servers x 2 threads = 4 > 3');
    expect(out.stdout).toContain('Recommended: 2 servers x 1 thread');
    expect(out.stdout).toContain('Scheduler.NumberOfThreadsForEmails 2 -> 1');
  });

  it('answers the other examples and exits 0 within the limit', async () => {
    expect((await run('--servers 5 --threads 2')).stdout).toContain('Recommended: 3 servers x 1 thread');
    expect((await run('--servers 1 --threads 4')).stdout).toContain('Recommended: 1 server x 3 threads');
    const within = await run('--servers 2 --threads 2 --limit 4');
    expect(within.exitCode).toBe(0);
    expect(within.stdout).toContain('= 4 <= 4');
  });

  it('--json prints exactly the engine output', async () => {
    const out = await run('--servers 2 --threads 2 --json');
    expect(JSON.parse(out.stdout)).toEqual(computeBudget(expandShorthand({ servers: 2, threads: 2 })));
  });

  it('invalid input exits 2 with a message naming the field', async () => {
    const negative = await run('--servers 2 --threads -1');
    expect(negative).toMatchObject({ exitCode: 2, stdout: '' });
    expect(negative.stderr).toMatch(/threads: threads cannot be negative/);
    expect((await run('--servers 2.5 --threads 1')).stderr).toMatch(/servers must be a whole number/);
    expect((await run('--servers two --threads 1')).stderr).toMatch(/--servers must be a number/);
    expect((await run('--servers 2')).exitCode).toBe(2);
    expect((await run('--servers 2 --threads 2 --provider custom')).stderr).toMatch(/limit: Give the concurrent connection limit/);
    expect((await run('--input missing.json')).stderr).toMatch(/missing.json: the file does not exist/);
  });

  it('reads a scenario file, full or shorthand, and names the field of a bad one', async () => {
    const full = path.join(dir, 'full.json');
    writeFileSync(full, JSON.stringify({ environments: [{ name: 'PRD', emailThreads: 2, servers: [{ name: 'FE1' }, { name: 'FE2', sendsEmail: false }] }] }));
    const read = (file: string) => import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'));
    const ok = await runWhatIf(['--input', full], read);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('1 server x 2 threads = 2 <= 3');

    const short = path.join(dir, 'short.json');
    writeFileSync(short, JSON.stringify({ servers: 4, threads: 1 }));
    expect((await runWhatIf(['--input', short], read)).exitCode).toBe(1);

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ environments: [{ name: 'PRD', emailThreads: 2, servers: [{ name: 'FE1' }, { name: 'FE1' }] }] }));
    const refused = await runWhatIf(['--input', bad], read);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('environments.0.servers.1.name: Server name "FE1" is used twice in PRD');

    writeFileSync(bad, '{ not json');
    expect((await runWhatIf(['--input', bad], read)).stderr).toMatch(/not valid JSON/);
  });

  it('the recipients per 24 h quota: the line, exit 1 over it even within the connection limit, --json includes it', async () => {
    const over = await run('--servers 2 --threads 1 --emails-per-day 5600 --recipients-per-email 2');
    expect(over.exitCode).toBe(1);
    expect(over.stdout).toContain('WITHIN LIMIT');
    expect(over.stdout).toContain('OVER QUOTA');
    expect(over.stdout).toContain('Environment 5,600 emails x 2 = 11,200 recipients per 24 h > 10,000');
    expect(over.stdout).toContain('Does not fit: Split the senders over at least 2 mailboxes');
    expect(over.stdout).toContain('A relay connector or a bulk email service');

    const within = await run('--servers 2 --threads 1 --recipients-per-day 9000');
    expect(within.exitCode).toBe(0);
    expect(within.stdout).toContain('Within the recipients per 24 h limit: Environment 9,000 recipients per 24 h <= 10,000.');
    expect((await run('--servers 2 --threads 1 --recipients-per-day 9000 --recipient-limit 8000')).exitCode).toBe(1);
    // Over the connection limit alone still exits 1; no volume says the quota was not checked.
    const connections = await run('--servers 2 --threads 2');
    expect(connections.exitCode).toBe(1);
    expect(connections.stdout).toContain('Recipients per 24 h not checked: no daily volume given.');

    const json = JSON.parse((await run('--servers 2 --threads 1 --recipients-per-day 11200 --json')).stdout);
    expect(json.quota).toEqual(computeBudget(expandShorthand({ servers: 2, threads: 1, recipientsPerDay: 11_200 })).quota);
    expect(json.quota.mailboxes[0]).toMatchObject({ recipients: 11_200, status: 'over' });

    const low = await run('--servers 2 --threads 1 --recipients-per-day 200 --quota-error-seen');
    expect(low.exitCode).toBe(0);
    expect(low.stdout).toContain('points to a compromised account');
  });

  it('quota options are checked and name the field; a file with several environments keeps its volumes in the file', async () => {
    expect((await run('--servers 2 --threads 1 --emails-per-day 10 --recipients-per-email 0')).stderr).toContain(
      'environments.0.recipientsPerEmail: Environment: recipients per email must be a whole number of at least 1',
    );
    expect((await run('--servers 2 --threads 1 --emails-per-day 10')).stderr).toContain('give the recipients per email too');
    expect((await run('--servers 2 --threads 1 --recipients-per-day 5 --emails-per-day 1 --recipients-per-email 5')).stderr).toContain('not both');
    expect((await run('--servers 2 --threads 1 --recipients-per-day lots')).stderr).toContain('--recipients-per-day must be a number');
    expect((await run('--servers 2 --threads 1 --recipients-per-day -5')).stderr).toContain('recipients per day must be a whole number of 0 or more');
    expect((await run('--servers 2 --threads 1 --recipient-limit 0')).stderr).toContain(
      'recipientLimit: Recipients per 24 h limit must be a whole number of at least 1',
    );

    const read = (file: string) => import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'));
    const shared = path.join(dir, 'shared.json');
    const environments = [
      { name: 'PRD', mailbox: 'noreply@contoso.com', emailThreads: 1, servers: [{ name: 'FE1' }], recipientsPerDay: 6000 },
      { name: 'QA', mailbox: 'NoReply@contoso.com', emailThreads: 1, servers: [{ name: 'FE1' }], recipientsPerDay: 5200 },
    ];
    writeFileSync(shared, JSON.stringify({ environments }));
    const fromFile = await runWhatIf(['--input', shared], read);
    expect(fromFile.exitCode).toBe(1);
    expect(fromFile.stdout).toContain('PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000');
    expect(fromFile.stdout).toContain('Fits: Move QA to its own mailbox');
    expect((await runWhatIf(['--input', shared, '--recipient-limit', '12000'], read)).exitCode).toBe(0);
    const refused = await runWhatIf(['--input', shared, '--recipients-per-day', '10'], read);
    expect(refused).toMatchObject({ exitCode: 2 });
    expect(refused.stderr).toContain('the file has 2 environments');

    const one = path.join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ servers: 2, threads: 1, recipientsPerDay: 100 }));
    const overridden = await runWhatIf(['--input', one, '--emails-per-day', '6000', '--recipients-per-email', '2'], read);
    expect(overridden.exitCode).toBe(1);
    expect(overridden.stdout).toContain('Environment 6,000 emails x 2 = 12,000 recipients per 24 h > 10,000');
  });

  it('the npm script sets the process exit code', () => {
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const cli = path.join(PROJECT_ROOT, 'electron', 'cli', 'whatif.ts');
    const over = spawnSync(tsx, [cli, '--servers', '2', '--threads', '2'], { encoding: 'utf8' });
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('Recommended: 2 servers x 1 thread');
    const invalid = spawnSync(tsx, [cli, '--servers', '0', '--threads', '2'], { encoding: 'utf8' });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/servers must be at least 1/);
    const quota = spawnSync(tsx, [cli, '--servers', '1', '--threads', '1', '--recipients-per-day', '10001'], { encoding: 'utf8' });
    expect(quota.status).toBe(1);
    expect(quota.stdout).toContain('OVER QUOTA');
  });
});
