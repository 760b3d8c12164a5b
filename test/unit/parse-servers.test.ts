import { describe, expect, it } from 'vitest';
import { parsePastedServers, toServerFacts } from '../../shared/servers/parse-servers';

/**
 * Samples of text copied from Service Center > Administration > Servers. The exact layout of that
 * page is not documented: these are written by us after what copies of HTML tables, PDFs and
 * remote-desktop sessions look like (tabs from a browser, runs of spaces elsewhere, titles, buttons
 * and a pager around the table, checkboxes that copy as nothing).
 */
const TABS_WITH_SEND_EMAILS = [
  'Name\tIP Address\tStatus\tSend Emails\tExecute Timers\tExecute Processes',
  'OSFE01\t10.0.1.11\tActive\tYes\tYes\tYes',
  'OSFE02\t10.0.1.12\tActive\tNo\tYes\tYes',
  'OSFE03\t10.0.1.13\tInactive\tNo\tNo\tNo',
].join('\r\n');

const SPACES_FROM_A_PDF = `
Server                      IP Address       Status
PRD-FE-01                   172.16.4.21      Active
PRD-FE-02                   172.16.4.22      Active
prd-fe-03.contoso.local     172.16.4.23      Not active
`;

/** The whole page selected: title, search box, the table without a header row, buttons and the pager. */
const WHOLE_PAGE_NO_HEADER = `Servers
Search

FE01\t192.168.10.5\tEnabled\t\tEdit
FE02\t192.168.10.6\tDisabled\t\tEdit
1 to 2 of 2 records
Register new server`;

/** Checkboxes copy as nothing: the "Send Emails" column is there but its cells are empty. */
const CHECKBOXES_EMPTY = `Server Name\tIP\tStatus\tSend Emails\tExecute Timers
OSAPP-PRD-01\t10.20.0.4\tActive\t\t
OSAPP-PRD-02\t10.20.0.5\tActive\t\t`;

/** Typed or pasted with single spaces, a repeated line, and a status the page may show for a stopped service. */
const SINGLE_SPACES = `FE01 10.0.0.5 Active
FE02 10.0.0.6 Not active
FE01 10.0.0.5 Active
FE03 10.0.0.7 Maintenance`;

describe('servers pasted from Service Center', () => {
  it('reads a tab-separated table with a header: name, IP, status and "Send Emails" by column', () => {
    const parsed = parsePastedServers(TABS_WITH_SEND_EMAILS);
    expect(parsed.header).toBe(true);
    expect(parsed.sendEmailsColumn).toBe(true);
    expect(parsed.servers).toEqual([
      { name: 'OSFE01', ip: '10.0.1.11', status: 'Active', active: true, sendsEmail: true },
      { name: 'OSFE02', ip: '10.0.1.12', status: 'Active', active: true, sendsEmail: false },
      { name: 'OSFE03', ip: '10.0.1.13', status: 'Inactive', active: false, sendsEmail: false },
    ]);
    expect(parsed.skipped).toEqual([]);
    expect(toServerFacts(parsed.servers)).toEqual([
      { name: 'OSFE01', active: true, sendsEmail: true, zone: null },
      { name: 'OSFE02', active: true, sendsEmail: false, zone: null },
      { name: 'OSFE03', active: false, sendsEmail: false, zone: null },
    ]);
  });

  it('reads columns separated by runs of spaces; "Not active" is inactive; no "Send Emails" column leaves it unknown', () => {
    const parsed = parsePastedServers(SPACES_FROM_A_PDF);
    expect(parsed.sendEmailsColumn).toBe(false);
    expect(parsed.servers.map((s) => [s.name, s.ip, s.active, s.sendsEmail])).toEqual([
      ['PRD-FE-01', '172.16.4.21', true, null],
      ['PRD-FE-02', '172.16.4.22', true, null],
      ['prd-fe-03.contoso.local', '172.16.4.23', false, null],
    ]);
  });

  it('without a header, reads each line by what its cells look like and skips the page around the table', () => {
    const parsed = parsePastedServers(WHOLE_PAGE_NO_HEADER);
    expect(parsed.header).toBe(false);
    expect(parsed.servers).toEqual([
      { name: 'FE01', ip: '192.168.10.5', status: 'Enabled', active: true, sendsEmail: null },
      { name: 'FE02', ip: '192.168.10.6', status: 'Disabled', active: false, sendsEmail: null },
    ]);
    expect(parsed.skipped).toEqual(['Servers', 'Search', '1 to 2 of 2 records', 'Register new server']);
  });

  it('an empty "Send Emails" cell (a checkbox) says nothing: unknown, for the engineer to confirm', () => {
    const parsed = parsePastedServers(CHECKBOXES_EMPTY);
    expect(parsed.sendEmailsColumn).toBe(true);
    expect(toServerFacts(parsed.servers)).toEqual([
      { name: 'OSAPP-PRD-01', active: true, sendsEmail: null, zone: null },
      { name: 'OSAPP-PRD-02', active: true, sendsEmail: null, zone: null },
    ]);
  });

  it('keeps the first of a repeated server and says so; a status it does not know counts as active, said too', () => {
    const parsed = parsePastedServers(SINGLE_SPACES);
    expect(parsed.servers.map((s) => [s.name, s.active])).toEqual([
      ['FE01', true],
      ['FE02', false],
      ['FE03', true],
    ]);
    expect(parsed.notes).toEqual([
      'FE01 is listed twice: the first line is kept.',
      'The status of FE03 ("Maintenance") was not understood: counted as active. Correct it if it is not.',
    ]);
  });

  it('finds no server in text that is not a server list', () => {
    expect(parsePastedServers('').servers).toEqual([]);
    const prose = parsePastedServers('Error sending email 40001: 432 4.3.2 Concurrent connections limit exceeded.\nPlease check the servers.');
    expect(prose.servers).toEqual([]);
    expect(prose.skipped).toHaveLength(2);
  });
});
