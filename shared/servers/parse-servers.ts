/**
 * The server list as text copied from Service Center > Administration > Servers, turned into the
 * rows of the servers fact. The exact layout of that page is not documented (domain.md 4a: "Send
 * Emails" sits next to "Execute Timers" and "Execute Processes", where it is stored is unknown), and
 * what a copy gives depends on the browser and on where it was pasted first (a table copied from a
 * browser comes with tabs; from a PDF, an email or a remote desktop, with runs of spaces). So columns
 * are found by their header names when there is a header, else each cell by what it looks like (an
 * IP address, a status word, a host name); whether a server sends email is only taken from a column
 * headed "Send Emails" and is otherwise left unknown, for the engineer to confirm per server.
 */

/** One server as the pasted text shows it. */
export interface PastedServer {
  name: string;
  ip: string | null;
  /** The status as written, e.g. "Active"; null when the line has none. */
  status: string | null;
  active: boolean;
  /** From a "Send Emails" column; null when the text does not say. */
  sendsEmail: boolean | null;
}

export interface PastedServers {
  servers: PastedServer[];
  /** Whether a header line named the columns. */
  header: boolean;
  /** Whether the text had a "Send Emails" column at all. */
  sendEmailsColumn: boolean;
  /** Lines that were not read as a server (titles, buttons, "1 to 3 of 3 records"), as written. */
  skipped: string[];
  /** What the engineer should know, in sentences (a repeated server, a status not understood). */
  notes: string[];
}

/** A row of the servers fact (the same shape a probe gives): the zone is asked for separately. */
export interface ServerFactRow {
  name: string;
  active: boolean;
  sendsEmail: boolean | null;
  zone: null;
  [key: string]: string | boolean | null;
}

type Column = 'name' | 'ip' | 'status' | 'sendsEmail' | 'other';

/** Header names by what they hold (letters only, lower case). */
const HEADERS: Record<string, Column> = {
  name: 'name',
  server: 'name',
  servername: 'name',
  hostname: 'name',
  host: 'name',
  frontend: 'name',
  frontendserver: 'name',
  ip: 'ip',
  ipaddress: 'ip',
  address: 'ip',
  status: 'status',
  state: 'status',
  active: 'status',
  sendemails: 'sendsEmail',
  sendemail: 'sendsEmail',
  sendsemails: 'sendsEmail',
  emails: 'sendsEmail',
  executetimers: 'other',
  executeprocesses: 'other',
  timers: 'other',
  processes: 'other',
  lastheartbeat: 'other',
  heartbeat: 'other',
  version: 'other',
  platformversion: 'other',
  deploymentzone: 'other',
  zone: 'other',
  actions: 'other',
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f:]+$/i;
/** A Windows or DNS host name: letters, digits, hyphens, dots and underscores, starting with a letter or digit. */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
/** Words of the page's buttons and links that are not a server. */
const NOT_A_SERVER =
  /^(servers?|search|edit|delete|disable|enable|deactivate|activate|register|new|back|save|cancel|name|status|yes|no|true|false|on|off|none|n\/a|-)$/i;

const INACTIVE = /^(inactive|not active|deactivated|disabled|offline|stopped|down|unreachable|off)$/i;
const ACTIVE = /^(active|enabled|online|running|ok|up|on)$/i;

function isIp(cell: string): boolean {
  return IPV4.test(cell) || (IPV6.test(cell) && cell.includes(':') && cell.length >= 3);
}

function statusOf(cell: string): boolean | null {
  const words = cell.trim().replace(/\s+/g, ' ');
  if (INACTIVE.test(words)) return false;
  if (ACTIVE.test(words)) return true;
  return null;
}

/** A cell of a Yes/No column: a word or a tick; null when empty or not understood. */
function flagOf(cell: string | undefined): boolean | null {
  const text = (cell ?? '').trim();
  if (/^(yes|y|true|on|enabled|active|✓|✔|☑|x)$/i.test(text)) return true;
  if (/^(no|n|false|off|disabled|inactive|✗|✘|☐)$/i.test(text)) return false;
  return null;
}

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z]/g, '');
}

/** The cells of one line: tab-separated when it has tabs (empty cells kept), else split at runs of 2+ spaces. */
function cellsOf(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((c) => c.trim());
  return line
    .trim()
    .split(/\s{2,}/)
    .map((c) => c.trim());
}

/** The header's columns, or null when the line is not a header (at least two known names, no IP). */
function headerOf(cells: string[]): Column[] | null {
  if (cells.some(isIp)) return null;
  const columns = cells.map((c) => (c ? (HEADERS[headerKey(c)] ?? null) : null));
  const known = columns.filter((c) => c !== null);
  if (known.length < 2 || !columns.includes('name')) return null;
  return columns.map((c) => c ?? 'other');
}

/** Reads one row by the header's columns; null when its name cell holds no host name. */
function byHeader(cells: string[], columns: Column[]): (Omit<PastedServer, 'active'> & { activeKnown: boolean | null }) | null {
  const at = (column: Column) => {
    const i = columns.indexOf(column);
    return i >= 0 ? (cells[i] ?? '') : '';
  };
  const name = at('name');
  if (!HOST_NAME.test(name) || isIp(name) || NOT_A_SERVER.test(name)) return null;
  const status = at('status') || null;
  return {
    name,
    ip: isIp(at('ip')) ? at('ip') : null,
    status,
    activeKnown: status ? statusOf(status) : null,
    sendsEmail: columns.includes('sendsEmail') ? flagOf(at('sendsEmail')) : null,
  };
}

/** Reads one row without a header, each cell by its look; it needs an IP address or a status word beside a host name. */
function byLook(cells: string[]): (Omit<PastedServer, 'active'> & { activeKnown: boolean | null }) | null {
  const nonEmpty = cells.filter(Boolean);
  // A line with single spaces only is one cell: its words, with "Not active" kept as one.
  const words =
    nonEmpty.length === 1
      ? nonEmpty[0]!
          .replace(/\bnot\s+active\b/gi, 'Not\u0001active')
          .split(/\s+/)
          .map((w) => w.replace('\u0001', ' '))
      : nonEmpty;
  const ip = words.find(isIp) ?? null;
  // A status word it knows, else what follows the IP address (a status it does not know, said later).
  const after = ip ? words.slice(words.indexOf(ip) + 1).filter((w) => w && !NOT_A_SERVER.test(w)) : [];
  const status = words.find((w) => statusOf(w) !== null) ?? (after.length ? after.join(' ') : null);
  const name = words.find((w) => HOST_NAME.test(w) && !isIp(w) && statusOf(w) === null && !NOT_A_SERVER.test(w) && /[A-Za-z]/.test(w));
  if (!name || (!ip && !status)) return null;
  return { name, ip, status, activeKnown: status ? statusOf(status) : null, sendsEmail: null };
}

export function parsePastedServers(text: string): PastedServers {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const servers: PastedServer[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  let columns: Column[] | null = null;
  let header = false;
  const seen = new Set<string>();
  const unclear: string[] = [];

  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = cellsOf(line);
    const asHeader = headerOf(cells);
    if (asHeader) {
      columns = asHeader;
      header = true;
      continue;
    }
    // A header's column count holds for tab-separated rows; space-separated rows lose empty cells, so they are read by look.
    const row = columns && (line.includes('\t') || cells.length === columns.length) ? byHeader(cells, columns) : byLook(cells);
    if (!row) {
      skipped.push(line.trim());
      continue;
    }
    const key = row.name.toLowerCase();
    if (seen.has(key)) {
      notes.push(`${row.name} is listed twice: the first line is kept.`);
      continue;
    }
    seen.add(key);
    if (row.status && row.activeKnown === null) unclear.push(`${row.name} ("${row.status}")`);
    servers.push({ name: row.name, ip: row.ip, status: row.status, active: row.activeKnown ?? true, sendsEmail: row.sendsEmail });
  }
  if (unclear.length) notes.push(`The status of ${unclear.join(', ')} was not understood: counted as active. Correct it if it is not.`);
  const sendEmailsColumn = Boolean(columns?.includes('sendsEmail'));
  return { servers, header, sendEmailsColumn, skipped, notes };
}

/** The rows of the servers fact: zone unknown, "Send Emails" as the text says it (or unknown). */
export function toServerFacts(servers: readonly PastedServer[]): ServerFactRow[] {
  return servers.map((s) => ({ name: s.name, active: s.active, sendsEmail: s.sendsEmail, zone: null }));
}
