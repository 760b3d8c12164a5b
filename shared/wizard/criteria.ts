import { formatTime } from '../format-time';
import { originWords } from './provenance';
import type { Fact, FactMap, VerificationResult } from './session';

/**
 * Verification criteria as data. A playbook declares what must hold after its fix; the engine alone
 * judges each one (pass, watching with the earliest time it can pass, fail, or unknown with what is
 * missing) and words the result, so no playbook can call its own fix verified.
 */

interface CriterionBase {
  id: string;
  /** What must hold, in the customer's words, e.g. "No error of this kind since the fix". */
  label: string;
  /**
   * Evidence that is welcome but not required (e.g. a live check of the mail server): while nobody
   * gave it, it is "not checked" and blocks nothing; given, it counts like any other criterion.
   */
  optional?: boolean;
}

export type Criterion = CriterionBase &
  (
    | {
        /** A count of errors since the fix: 0 passes, more fails. */
        kind: 'none-since-fix';
        fact: string;
      }
    | {
        /** Traffic since the fix: at least `need` passes; fewer is watched, never a failure. */
        kind: 'at-least-since-fix';
        fact: string;
        need: number;
        /** The counted thing in the plural, e.g. "emails sent". */
        what: string;
      }
    | {
        /** A yes/no fact derived after the fix (e.g. "the budget now is within the limit"): no fails when `failWhenFalse`. */
        kind: 'holds';
        fact: string;
        failWhenFalse: boolean;
      }
    | {
        /** A figure that must come down to a limit (e.g. recipients in the rolling window); above it is watched. */
        kind: 'at-most';
        fact: string;
        limit: number;
        what: string;
      }
    | {
        /** A yes/no fact that must have been established after the fix (e.g. a live login); from before it, it proves nothing. */
        kind: 'holds-since-fix';
        fact: string;
      }
    | {
        /** Time that must pass after the fix (e.g. a rolling 24 h window). */
        kind: 'hours-since-fix';
        hours: number;
      }
    | {
        /** Passes when one of them passes; fails only when all fail. */
        kind: 'any-of';
        of: Criterion[];
      }
  );

/** `skipped`: an optional criterion nobody gave evidence for. */
export type CriterionState = 'pass' | 'watching' | 'fail' | 'unknown' | 'skipped';

export interface CriterionResult {
  id: string;
  label: string;
  state: CriterionState;
  /** What was seen, or what is missing, in words a customer reads. */
  seen: string;
  /** While watching: the earliest time it can pass, when time decides it. */
  until?: string;
}

export interface JudgeInput {
  facts: FactMap;
  /** When the fix took effect; null while it has not. */
  fixAt: string | null;
  /** Why the fix has not taken effect yet (e.g. restarts not ticked); null once it has. */
  fixPending: string | null;
  now: string;
}

const HOUR = 3_600_000;

/** "no error of this kind since the fix: 0 since …": a criterion inside a sentence. */
const sentence = (r: CriterionResult) => `${r.label.charAt(0).toLowerCase()}${r.label.slice(1)}: ${r.seen}`;
const count = (n: number) => n.toLocaleString('en-US');

function numberOf(fact: Fact | undefined): number | null {
  return fact && typeof fact.value === 'number' && Number.isFinite(fact.value) ? fact.value : null;
}

/** "0 (read from the database, 07 Dec 2026, 10:02 UTC)". */
function withOrigin(value: string, fact: Fact): string {
  return `${value} (${originWords(fact)})`;
}

export function judgeCriterion(criterion: Criterion, input: JudgeInput): CriterionResult {
  const result = judgeRequired(criterion, input);
  return criterion.optional && result.state === 'unknown' ? { ...result, state: 'skipped', seen: 'not checked' } : result;
}

function judgeRequired(criterion: Criterion, input: JudgeInput): CriterionResult {
  const base = { id: criterion.id, label: criterion.label };
  const sinceFix =
    criterion.kind === 'none-since-fix' ||
    criterion.kind === 'at-least-since-fix' ||
    criterion.kind === 'hours-since-fix' ||
    criterion.kind === 'holds-since-fix';
  if (sinceFix && !input.fixAt) return { ...base, state: 'unknown', seen: `not known: ${input.fixPending ?? 'the fix has not taken effect'}` };
  switch (criterion.kind) {
    case 'none-since-fix': {
      const fact = input.facts[criterion.fact];
      const n = numberOf(fact);
      if (n === null || !fact) return { ...base, state: 'unknown', seen: `not known since the fix at ${formatTime(input.fixAt)}` };
      return { ...base, state: n === 0 ? 'pass' : 'fail', seen: withOrigin(`${count(n)} since ${formatTime(input.fixAt)}`, fact) };
    }
    case 'at-least-since-fix': {
      const fact = input.facts[criterion.fact];
      const n = numberOf(fact);
      if (n === null || !fact) return { ...base, state: 'unknown', seen: `${criterion.what} since ${formatTime(input.fixAt)}: not known` };
      const seen = withOrigin(`${count(n)} ${criterion.what} since ${formatTime(input.fixAt)}`, fact);
      return n >= criterion.need ? { ...base, state: 'pass', seen } : { ...base, state: 'watching', seen: `${seen}; ${count(criterion.need)} needed` };
    }
    case 'holds': {
      const fact = input.facts[criterion.fact];
      if (!fact || typeof fact.value !== 'boolean') return { ...base, state: 'unknown', seen: fact?.detail ? `not known: ${fact.detail}` : 'not known' };
      const words = fact.detail ?? (fact.value ? 'yes' : 'no');
      if (fact.value) return { ...base, state: 'pass', seen: words };
      return { ...base, state: criterion.failWhenFalse ? 'fail' : 'watching', seen: words };
    }
    case 'holds-since-fix': {
      const fact = input.facts[criterion.fact];
      if (!fact || typeof fact.value !== 'boolean') return { ...base, state: 'unknown', seen: 'not known' };
      if (fact.at < input.fixAt!) return { ...base, state: 'unknown', seen: `checked at ${formatTime(fact.at)}, before the fix` };
      const seen = withOrigin(fact.detail ?? (fact.value ? 'yes' : 'no'), fact);
      return { ...base, state: fact.value ? 'pass' : 'fail', seen };
    }
    case 'at-most': {
      const fact = input.facts[criterion.fact];
      const n = numberOf(fact);
      if (n === null || !fact) return { ...base, state: 'unknown', seen: `${criterion.what}: not known` };
      // "0 emails failing" says it all; "12,383 recipients against 10,000" needs the limit.
      const seen = withOrigin(
        criterion.limit === 0 ? `${count(n)} ${criterion.what}` : `${count(n)} ${criterion.what} against ${count(criterion.limit)}`,
        fact,
      );
      return { ...base, state: n <= criterion.limit ? 'pass' : 'watching', seen };
    }
    case 'hours-since-fix': {
      const until = new Date(Date.parse(input.fixAt!) + criterion.hours * HOUR).toISOString();
      if (Date.parse(input.now) >= Date.parse(until)) return { ...base, state: 'pass', seen: `${criterion.hours} h passed at ${formatTime(until)}` };
      return { ...base, state: 'watching', seen: `${criterion.hours} h after the fix end at ${formatTime(until)}`, until };
    }
    case 'any-of': {
      const parts = criterion.of.map((c) => judgeCriterion(c, input));
      const seen = parts.map(sentence).join('; or ');
      const passed = parts.find((p) => p.state === 'pass');
      if (passed) return { ...base, state: 'pass', seen: sentence(passed) };
      if (parts.length > 0 && parts.every((p) => p.state === 'fail')) return { ...base, state: 'fail', seen };
      const untils = parts.map((p) => p.until).filter((u): u is string => Boolean(u));
      const state: CriterionState = parts.some((p) => p.state === 'watching') ? 'watching' : 'unknown';
      return { ...base, state, seen, ...(untils.length ? { until: untils.sort()[0] } : {}) };
    }
  }
}

export interface Judgement {
  result: VerificationResult;
  criteria: CriterionResult[];
  /** The earliest time every watched criterion can pass, when time decides it; null otherwise. */
  until: string | null;
  /** One paragraph a customer reads: what holds, what failed, what is still missing. */
  summary: string;
}

/** All criteria pass: verified. One fails: not fixed. Otherwise not yet verified, saying what is missing and until when. */
export function judge(criteria: readonly Criterion[], input: JudgeInput): Judgement {
  const all = criteria.map((c) => judgeCriterion(c, input));
  // An optional criterion nobody checked is listed, but neither passes nor blocks.
  const results = all.filter((r) => r.state !== 'skipped');
  const failed = results.filter((r) => r.state === 'fail');
  const open = results.filter((r) => r.state === 'watching' || r.state === 'unknown');
  const untils = open.map((r) => r.until).filter((u): u is string => Boolean(u));
  const until = untils.length ? untils.sort().at(-1)! : null;
  if (results.length === 0) return { result: 'watch', criteria: all, until: null, summary: 'Not yet verified: the playbook declares nothing to check.' };
  if (failed.length) return { result: 'fail', criteria: all, until: null, summary: `Not fixed: ${failed.map(sentence).join('; ')}.` };
  if (open.length === 0) return { result: 'pass', criteria: all, until: null, summary: `Verified: ${results.map(sentence).join('; ')}.` };
  const earliest = until ? ` It can pass at ${formatTime(until)} at the earliest.` : '';
  return { result: 'watch', criteria: all, until, summary: `Not yet verified: ${open.map(sentence).join('; ')}.${earliest}` };
}
