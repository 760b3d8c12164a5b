/**
 * Recognition as data: a matcher says which texts belong to an incident, shows examples it must and
 * must not accept, and gives lower-case SQL LIKE prefilters a database can run before the exact
 * patterns run in code. Pure code: runs in the renderer, the services and the tests alike.
 */

export interface MatcherExamples {
  /** Texts the matcher must accept. */
  readonly match: readonly string[];
  /** Texts the matcher must not accept (other incidents, look-alikes). */
  readonly noMatch: readonly string[];
}

export interface Matcher {
  /** Unique among all matchers, e.g. "smtp-auth.tenant-disabled". */
  readonly id: string;
  /** What the matcher recognises, in words. */
  readonly label: string;
  /** The text belongs to the incident when any pattern matches. No `g` or `y` flag (they make `test` stateful). */
  readonly patterns: readonly RegExp[];
  /** Which form of the incident, when the playbook tells forms apart (counted per line by `recogniseText`). */
  readonly variant?: string;
  readonly examples: MatcherExamples;
  /**
   * Lower-case SQL LIKE patterns (`%` as wildcard; no `_`, `[`, `]` or `\`, which engines read
   * differently) evaluated on the lower-cased text. Every text a pattern accepts contains one of them:
   * a superset, so a database prefilter can let too much through but never drop an occurrence.
   */
  readonly likePatterns: readonly string[];
}

/** Runs a pattern from the start of the text whatever its flags, leaving it as it was found. */
function execFromStart(pattern: RegExp, text: string): RegExpExecArray | null {
  if (!pattern.global && !pattern.sticky) return pattern.exec(text);
  const before = pattern.lastIndex;
  pattern.lastIndex = 0;
  try {
    return pattern.exec(text);
  } finally {
    pattern.lastIndex = before;
  }
}

/** Whether one matcher accepts the text (any of its patterns matches). */
export function matcherAccepts(matcher: Matcher, text: string): boolean {
  return matcher.patterns.some((pattern) => execFromStart(pattern, text) !== null);
}

/** Whether any of the matchers accepts the text. */
export function matchesAny(matchers: readonly Matcher[], text: string): boolean {
  return matchers.some((matcher) => matcherAccepts(matcher, text));
}

/**
 * The first matcher, in the order given, that accepts the line. Order is priority: a set lists its
 * most specific matchers first, so a line that two of them accept is counted once, the same way
 * every time.
 */
export function firstMatch(matchers: readonly Matcher[], line: string): Matcher | undefined {
  return matchers.find((matcher) => matcherAccepts(matcher, line));
}

export interface MatchRange {
  matcher: Matcher;
  /** UTF-16 offsets in the line, end exclusive: `line.slice(start, end)` is the text to highlight. */
  start: number;
  end: number;
}

/** Matches this far apart (a space, ", " or ". ") are highlighted as one range. */
const JOIN_GAP = 2;

/**
 * `firstMatch` with where it matched: the earliest match of that matcher's patterns in the line,
 * extended over its other matches that overlap or follow it within a couple of characters (so
 * "432 4.3.2 Concurrent connections limit exceeded" is one range, not two).
 */
export function findMatch(matchers: readonly Matcher[], line: string): MatchRange | undefined {
  for (const matcher of matchers) {
    const spans: Array<[number, number]> = [];
    for (const pattern of matcher.patterns) {
      const m = execFromStart(pattern, line);
      if (m) spans.push([m.index, m.index + m[0].length]);
    }
    if (spans.length === 0) continue;
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const start = spans[0]![0];
    let end = spans[0]![1];
    for (const [s, e] of spans.slice(1)) {
      if (s > end + JOIN_GAP) break;
      end = Math.max(end, e);
    }
    return { matcher, start, end };
  }
  return undefined;
}

/** SQL LIKE as the probes run it on the lower-cased text: `%` any run of characters, `_` one character. */
export function likeAccepts(text: string, likePattern: string): boolean {
  const body = [...likePattern].map((ch) => (ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`).test(text.toLowerCase());
}

/** Every LIKE pattern of the matchers once, in order: the prefilter for a set of matchers. */
export function likePatternsOf(matchers: readonly Matcher[]): string[] {
  return [...new Set(matchers.flatMap((m) => m.likePatterns))];
}

/**
 * What is wrong with a matcher, in sentences (empty when nothing is): an example it gets wrong, an
 * accepted example no LIKE pattern lets through, a LIKE pattern that is not lower-case or uses
 * characters engines read differently, a stateful pattern, or no examples at all.
 */
/** @internal The examples are checked by the tests, not at run time. */
export function checkMatcherExamples(matcher: Matcher): string[] {
  const failures: string[] = [];
  const name = `Matcher "${matcher.id}"`;
  if (matcher.patterns.length === 0) failures.push(`${name} has no pattern.`);
  for (const pattern of matcher.patterns) {
    if (pattern.global || pattern.sticky) failures.push(`${name}: pattern ${String(pattern)} has the g or y flag, which makes it stateful.`);
  }
  if (matcher.examples.match.length === 0) failures.push(`${name} has no example it must match.`);
  if (matcher.examples.noMatch.length === 0) failures.push(`${name} has no example it must not match.`);
  if (matcher.likePatterns.length === 0) failures.push(`${name} has no LIKE prefilter.`);
  for (const like of matcher.likePatterns) {
    if (like !== like.toLowerCase()) failures.push(`${name}: LIKE pattern "${like}" is not lower-case.`);
    if (/[_[\]\\]/.test(like)) failures.push(`${name}: LIKE pattern "${like}" uses _, [, ] or \\, which database engines read differently.`);
    if (like.replace(/%/g, '') === '') failures.push(`${name}: LIKE pattern "${like}" accepts everything.`);
  }
  for (const text of matcher.examples.match) {
    if (!matcherAccepts(matcher, text)) failures.push(`${name} does not match "${text}".`);
    else if (!matcher.likePatterns.some((like) => likeAccepts(text, like))) failures.push(`${name}: no LIKE pattern lets "${text}" through.`);
  }
  for (const text of matcher.examples.noMatch) {
    if (matcherAccepts(matcher, text)) failures.push(`${name} wrongly matches "${text}".`);
  }
  return failures;
}
