import { useState } from 'react';
import type { Fact, FactValue } from '../../../../shared/wizard/session';
import type { StepInfo } from '../../../../shared/wizard/view';
import { Breakable } from '../../components/Breakable';
import { FactEditor } from './FactEditors';
import { PasteServers } from './PasteServers';
import { formatLocalTime, isIsoTime } from '../../format-time';
import { describeRow } from '../../../../shared/wizard/words';
import { SOURCE_BADGES, sourceLine } from '../../../../shared/wizard/provenance';

const SOURCE_BADGE: Record<Fact['source'], string> = {
  probe: 'badge ts-src-probe',
  imported: 'badge ts-src-imported',
  checked: 'badge ts-src-imported',
  engineer: 'badge ts-src-engineer',
  derived: 'badge ts-src-derived',
};

/** Human text of a fact value: rows of servers, per-host rows, others. */
export function factText(value: FactValue): string {
  if (value === null) return 'not known';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    return value
      .map((row) => {
        if (!row || typeof row !== 'object' || Array.isArray(row)) return factText(row);
        return describeRow(row as Record<string, FactValue>);
      })
      .join('; ');
  }
  if (typeof value === 'object')
    return (
      Object.entries(value)
        .map(([k, v]) => `${k}: ${factText(v)}`)
        .join(', ') || 'none'
    );
  // Times read by probes are ISO strings: written like every other time in the app.
  if (isIsoTime(value)) return formatLocalTime(value);
  return String(value);
}

/**
 * The step's facts: value, source badge, time and where it came from; an editor for every fact
 * the engineer may give (always offline, on request when a probe already answered).
 */
export function StepFacts({
  step,
  facts,
  offline,
  readOnly = false,
  drafts,
  setDraft,
  commit,
}: {
  step: StepInfo;
  facts: Fact[];
  offline: boolean;
  /** A completed session: values only, no editor. */
  readOnly?: boolean;
  drafts: Record<string, FactValue>;
  setDraft(key: string, value: FactValue): void;
  /** Gives a value and continues at once. */
  commit?(key: string, value: FactValue): void;
}) {
  const [correcting, setCorrecting] = useState<Record<string, boolean>>({});
  if (step.facts.length === 0) return null;
  const byKey = new Map(facts.map((f) => [f.key, f]));
  const shown = step.facts.filter((def) => !def.shownAbove && (byKey.has(def.key) || (!readOnly && def.input && def.sources.includes('engineer'))));
  if (shown.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby={`ts-facts-${step.id}`}>
      <h4 id={`ts-facts-${step.id}`}>Facts</h4>
      <ul className="ts-facts">
        {shown.map((def) => {
          const fact = byKey.get(def.key);
          const editable = !readOnly && Boolean(def.input) && def.sources.includes('engineer');
          // Optional facts wait for a click; required ones ask at once when nothing answered them yet.
          const editing =
            editable &&
            (correcting[def.key] ||
              def.key in drafts ||
              fact?.source === 'engineer' ||
              (!fact && !def.optional) ||
              (offline && !fact && def.input !== 'servers' && def.input !== 'host-threads'));
          return (
            <li key={def.key} className="ts-fact">
              {fact && !(editing && fact.source === 'engineer') ? (
                <div className="ts-fact-line">
                  <span className="ts-fact-label">{def.label}</span>
                  <span className="ts-fact-value">
                    <Breakable text={factText(fact.value)} />
                  </span>
                  <span className="ts-fact-meta">
                    <span className={SOURCE_BADGE[fact.source]} title={sourceLine(fact)}>
                      {SOURCE_BADGES[fact.source]}
                    </span>
                    <time className="muted small" dateTime={fact.at}>
                      {formatLocalTime(fact.at)}
                    </time>
                    {fact.detail && <span className="muted small">{fact.detail}</span>}
                    {editable && !editing && (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Correct this: ${def.label}`}
                        onClick={() => setCorrecting((c) => ({ ...c, [def.key]: true }))}
                      >
                        Correct this
                      </button>
                    )}
                  </span>
                </div>
              ) : null}
              {editing && (
                <div className="ts-fact-edit">
                  <FactEditor
                    def={def}
                    idPrefix={`ts-${step.id}`}
                    value={def.key in drafts ? drafts[def.key] : fact?.value}
                    onChange={(v) => setDraft(def.key, v)}
                    onCommit={commit ? (v) => commit(def.key, v) : undefined}
                  />
                  {fact?.source === 'engineer' && (
                    <p className="muted small">
                      <span className={SOURCE_BADGE.engineer}>{SOURCE_BADGES.engineer}</span> given {formatLocalTime(fact.at)}
                    </p>
                  )}
                </div>
              )}
              {!fact && !editing && (
                <div className="ts-fact-line">
                  <span className="ts-fact-label">{def.label}</span>
                  <span className="muted">not known yet</span>
                  {editable && (
                    <span className="ts-fact-meta">
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Give it: ${def.label}`}
                        onClick={() => setCorrecting((c) => ({ ...c, [def.key]: true }))}
                      >
                        Give it
                      </button>
                    </span>
                  )}
                </div>
              )}
              {editable && def.input === 'servers' && <PasteServers label={def.label} onUse={(rows) => setDraft(def.key, rows)} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
