import { findMatch, type Matcher } from './matcher';

/**
 * "Paste a line or a whole log excerpt": which playbooks the text is about, how many lines each,
 * by form (variant), and where the first one is; when none, the nearest texts the app can explain
 * that no playbook is about. Pure code, bounded work whatever is pasted.
 */

/** At most this many characters are read; the rest is left out and the result says so. */
export const RECOGNISE_MAX_CHARS = 100_000;
/** At most this many lines are read; the rest is left out and the result says so. */
export const RECOGNISE_MAX_LINES = 5_000;

export interface RecogniseCandidate {
  id: string;
  title: string;
  /** In priority order: the first that accepts a line is the one counted (its variant). */
  matchers: readonly Matcher[];
}

export interface RecognisedLine {
  /** 0-based index of the line in the text read. */
  index: number;
  /** The line as pasted, without its line break. */
  text: string;
  /** The range to highlight: `text.slice(start, end)`, UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
}

export interface RecognisedPlaybook {
  id: string;
  title: string;
  /** Lines any of the candidate's matchers accepts. */
  lines: number;
  /** Matching lines by the variant of the first matcher that accepted them (matchers with no variant are not counted here). */
  variants: Record<string, number>;
  firstLine: RecognisedLine;
}

export interface NearestText {
  /** The known text, e.g. "421 4.3.2 Service not available". */
  text: string;
  /** What it means, as a predicate: "is a different, transient error: ...". */
  meaning: string;
}

export interface RecognisedCut {
  /** Which bound cut the text first. */
  bound: 'characters' | 'lines';
  /** Lines read, and how many the text has. */
  linesRead: number;
  linesTotal: number;
  /** Characters read, and how many the text has. */
  charactersRead: number;
  charactersTotal: number;
}

export interface Recognition {
  /** Best first: most matching lines, then the earliest first line, then the candidates' order. */
  results: RecognisedPlaybook[];
  /** The answer in words, as the page shows it. */
  message: string;
  /** When nothing matches: the known texts nearest to it that are no playbook's (may be empty). */
  nearest: NearestText[];
  /** Set when the text was longer than the bounds and only its start was read. */
  cut: RecognisedCut | null;
}

const count = new Intl.NumberFormat('en');
const lines = (n: number) => `${count.format(n)} line${n === 1 ? '' : 's'}`;

/** Line breaks as pasted from Windows, Unix or old Mac text. */
const BREAK = /\r\n|\n|\r/g;

/**
 * The lines within the bounds. When the character bound cuts a line, that line is left out: a cut
 * "4.3.21" would read as "4.3.2". A single line longer than the bound is read up to it.
 */
function boundedLines(text: string): { lines: string[]; cut: RecognisedCut | null } {
  let read = text;
  let bound: RecognisedCut['bound'] | null = null;
  if (text.length > RECOGNISE_MAX_CHARS) {
    bound = 'characters';
    let end = RECOGNISE_MAX_CHARS;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // not half a character
    read = text.slice(0, end);
    const cutMidLine = !/[\r\n]/.test(text.charAt(end));
    const lastBreak = Math.max(read.lastIndexOf('\n'), read.lastIndexOf('\r'));
    if (cutMidLine && lastBreak >= 0) read = read.slice(0, lastBreak);
  }
  const lines: string[] = [];
  let from = 0;
  let charactersRead = 0;
  BREAK.lastIndex = 0;
  for (;;) {
    if (lines.length === RECOGNISE_MAX_LINES) {
      if (from < read.length) bound = 'lines'; // the line bound stopped the reading first
      break;
    }
    const m = BREAK.exec(read);
    const lineEnd = m ? m.index : read.length;
    lines.push(read.slice(from, lineEnd));
    charactersRead = lineEnd;
    if (!m) break;
    from = m.index + m[0].length;
    if (from === read.length) break; // a final line break ends the last line; no empty line after it
  }
  BREAK.lastIndex = 0;
  if (bound === null) return { lines, cut: null };
  const breaks = text.match(BREAK)?.length ?? 0;
  const linesTotal = breaks + (/[\r\n]$/.test(text) ? 0 : 1);
  return { lines, cut: { bound, linesRead: lines.length, linesTotal, charactersRead, charactersTotal: text.length } };
}

/** Recognises which candidates' errors the text holds, line by line. */
export function recogniseText(text: string, candidates: readonly RecogniseCandidate[]): Recognition {
  if (!text.trim()) return { results: [], message: 'Paste the error text first.', nearest: [], cut: null };
  const { lines: textLines, cut } = boundedLines(text);

  const results: Array<{ result: RecognisedPlaybook; order: number }> = [];
  candidates.forEach((candidate, order) => {
    let result: RecognisedPlaybook | null = null;
    for (let index = 0; index < textLines.length; index += 1) {
      const line = textLines[index]!;
      const match = findMatch(candidate.matchers, line);
      if (!match) continue;
      result ??= { id: candidate.id, title: candidate.title, lines: 0, variants: {}, firstLine: { index, text: line, start: match.start, end: match.end } };
      result.lines += 1;
      const variant = match.matcher.variant;
      if (variant !== undefined) result.variants[variant] = (result.variants[variant] ?? 0) + 1;
    }
    if (result) results.push({ result: { ...result, variants: orderedVariants(result.variants, candidate.matchers) }, order });
  });
  results.sort((a, b) => b.result.lines - a.result.lines || a.result.firstLine.index - b.result.firstLine.index || a.order - b.order);
  const sorted = results.map((r) => r.result);

  const cutSentence = cut ? ` ${cutWords(cut)}` : '';
  if (sorted.length > 0) {
    return { results: sorted, message: `Recognised: ${sorted.map(describe).join('; ')}.${cutSentence}`, nearest: [], cut };
  }
  const nearest = nearestTexts(textLines.join('\n'));
  const explanation = nearest.length
    ? nearest.map((n) => `${n.text} ${n.meaning}`).join(' ')
    : 'It is none of the other Exchange Online errors the app can explain either. Pick a playbook yourself, or check the full error in Service Center.';
  return { results: [], message: `This text matches no playbook the app knows. ${explanation}${cutSentence}`, nearest, cut };
}

/** Variants by count, most first, ties in the matchers' order (so the message reads the same every time). */
function orderedVariants(variants: Record<string, number>, matchers: readonly Matcher[]): Record<string, number> {
  const rank = (v: string) => matchers.findIndex((m) => m.variant === v);
  const entries = Object.entries(variants).sort(([a, x], [b, y]) => y - x || rank(a) - rank(b));
  return Object.fromEntries(entries);
}

/** "SMTP authentication refused (3 lines: 2 tenant-disabled, 1 basic-retired)". */
function describe(result: RecognisedPlaybook): string {
  const forms = Object.entries(result.variants).map(([variant, n]) => `${count.format(n)} ${variant}`);
  return `${result.title} (${lines(result.lines)}${forms.length ? `: ${forms.join(', ')}` : ''})`;
}

function cutWords(cut: RecognisedCut): string {
  return cut.bound === 'lines'
    ? `The text has ${lines(cut.linesTotal)}; only the first ${count.format(cut.linesRead)} ${cut.linesRead === 1 ? 'was' : 'were'} read.`
    : `The text is ${count.format(cut.charactersTotal)} characters long; only the first ${count.format(cut.charactersRead)} characters (${lines(cut.linesRead)}) were read.`;
}

interface KnownText extends NearestText {
  /** Status codes that point to it (each found counts twice). */
  codes: RegExp[];
  /** Words that point to it (each found counts once). */
  words: RegExp[];
  /** Not named when the text has this: it is then not the look-alike. */
  unless?: RegExp;
}

/** An enhanced status code on its own, not inside a longer number ("4.3.2" but not "14.3.2" or "4.3.21"). */
const code = (c: string) => new RegExp(`(?<![\\d.])${c.replace(/\./g, '\\.')}(?![\\d.]*\\d)`);

/**
 * Exchange Online and connection errors that are none of the playbooks' (domain.md 1 and 4b), in the
 * order they are listed when they score the same.
 */
const KNOWN_OTHER_TEXTS: readonly KnownText[] = [
  {
    text: '421 4.3.2 Service not available',
    meaning:
      'is a different, transient error: Exchange closed the connection; it is not the 432 connection limit. The email is sent again later; if it keeps coming, check the Microsoft 365 service health.',
    codes: [code('4.3.2')],
    words: [/service\s+not\s+available/i, /closing\s+transmission\s+channel/i],
    unless: /(?<![\d.])432[\s-]+4\.3\.2(?![\d.]*\d)/,
  },
  {
    text: '421 4.7.0 Temporary server error',
    meaning: 'is a temporary error on the Exchange Online side, not a limit or a setting of the sender; it usually clears on its own.',
    codes: [code('4.7.0')],
    words: [/temporary\s+server\s+error/i],
  },
  {
    text: '451 4.7.500 Server busy',
    meaning:
      'is IP throttling (4.7.500 to 4.7.699, AS codes) of a new or low-reputation sending IP; sending stabilises within days, or send through a connector.',
    codes: [/(?<![\d.])4\.7\.[56]\d\d(?![\d.]*\d)/],
    words: [/server\s+busy/i, /\bAS\d{3}\b/],
  },
  {
    text: '550 5.7.708 Access denied, traffic not accepted from this IP',
    meaning: 'is a low-reputation IP of a new tenant (5.7.700 to 5.7.750) that Exchange Online refuses; only Microsoft support can lift it.',
    codes: [/(?<![\d.])5\.7\.7[0-4]\d(?![\d.]*\d)/, code('5.7.750')],
    words: [/traffic\s+not\s+accepted\s+from\s+this\s+ip/i, /access\s+denied/i],
  },
  {
    text: '554 5.2.2 mailbox full',
    meaning:
      'is a mailbox over its storage quota (QuotaExceededException, MapiExceptionShutoffQuotaExceeded), not the daily recipient quota: free space in the mailbox or raise its storage quota.',
    codes: [code('5.2.2')],
    words: [/mailbox\s+full/i, /shutoff\s*quota/i, /(?<!submission)quota\s*exceeded\s*exception/i],
  },
  {
    text: '550 5.2.252 Sender throttled',
    meaning:
      'is a mailbox throttled after repeated "send as" denials: the sender uses a From address it has no Send As permission for; fix the From address or grant the permission.',
    codes: [code('5.2.252')],
    words: [/sender\s+throttled/i, /send\s*as\s+denied/i],
  },
  {
    text: 'Unable to connect to the remote server',
    meaning: 'is a network failure before any SMTP answer: check the SMTP host, the port (587), DNS and the firewall from the front-end servers.',
    codes: [],
    words: [/unable\s+to\s+connect/i, /connection\s+refused/i, /no\s+such\s+host/i],
  },
  {
    text: 'The operation has timed out',
    meaning: 'is a time-out with no SMTP answer to go on: the network, TLS or a slow server; look for an SMTP status code in the same error log.',
    codes: [],
    words: [/timed\s+out/i, /time-?out/i],
  },
];

/** The known texts the text points to, most pointed to first (ties in the list's order); at most three. */
function nearestTexts(text: string): NearestText[] {
  return KNOWN_OTHER_TEXTS.map((known, order) => ({
    known,
    order,
    score: known.unless?.test(text) ? 0 : 2 * known.codes.filter((c) => c.test(text)).length + known.words.filter((w) => w.test(text)).length,
  }))
    .filter((k) => k.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, 3)
    .map(({ known }) => ({ text: known.text, meaning: known.meaning }));
}
