import { renderBudgetChart } from './chart';
import { escapeHtml as e } from './escape';
import { formatCount, formatParameters, formatTime, formatYesNo, plural } from './format';
import type { ReportAttachment, ReportChange, ReportModel } from './model';
import { ATTACHMENT_MIME, ATTACHMENT_TYPE_LABEL, formatBytes } from '../attachments';
import { reportStyles } from './styles';
import { smtpChecksHtml } from './smtp-check-section';

export interface HtmlOptions {
  pageSize: 'A4' | 'Letter';
  /** @font-face rules of the bundled font (data: URLs), loaded by the back end; '' for system fonts only. */
  fontCss?: string;
  /**
   * The attached images as data: URLs by attachment id, read by the back end (the model itself never
   * holds bytes). An image missing here is named in the appendix as no longer available.
   */
  attachmentImages?: Readonly<Record<string, string>>;
}

/**
 * The report as one self-contained HTML document: inline CSS and font, the chart as inline SVG, no
 * scripts, no external resources. The preview shows it and the PDF printer prints it, so what the
 * engineer sees is what the customer gets. Every text value is escaped.
 */
export function renderReportHtml(model: ReportModel, options: HtmlOptions): string {
  const { header } = model;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The document needs nothing from outside: no scripts, no remote loads.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    `<title>${e(header.title)}</title>`,
    `<style>${options.fontCss ?? ''}${reportStyles(options.pageSize)}</style>`,
    '</head>',
    '<body>',
    renderHeader(model),
    renderOutcome(model),
    renderSymptom(model),
    renderFindings(model),
    renderCalculation(model),
    renderActions(model),
    renderVerification(model),
    renderFollowUps(model),
    renderAppendix(model),
    renderAttachments(model, options.attachmentImages ?? {}),
    '</body>',
    '</html>',
  ].join('\n');
}

function table(headings: string[], rows: string[][], options: { numeric?: number[]; className?: string } = {}): string {
  const num = new Set(options.numeric ?? []);
  const cls = (i: number) => (num.has(i) ? ' class="num"' : '');
  return [
    `<table${options.className ? ` class="${options.className}"` : ''}>`,
    `<thead><tr>${headings.map((h, i) => `<th${cls(i)}>${e(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((cells) => `<tr>${cells.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('');
}

function factsTable(rows: Array<[string, string]>): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function renderHeader(model: ReportModel): string {
  const { header } = model;
  const env = header.environment;
  return [
    '<header>',
    `<h1>${e(header.title)}</h1>`,
    `<p class="subtitle">Resolution report · generated ${e(formatTime(model.generatedAt))}</p>`,
    factsTable([
      ['Environment', `<strong>${e(env.name)}</strong>${env.role ? ` (${e(env.role)})` : ''}`],
      ['Platform database', `${e(env.engine)}${env.host ? ` on ${e(env.host)}` : ''}`],
      ['Customer', e(header.customer ?? 'not given')],
      ['Ticket / case', e(header.ticket ?? 'not given')],
      ['Engineer', e(header.engineerName || 'not given')],
      ['Session', `${e(formatTime(header.startedAt))} to ${e(formatTime(header.endedAt, 'still open'))}`],
      ...(header.databaseClock ? [['Database clock', e(header.databaseClock)] as [string, string]] : []),
      ['Outcome', `<span class="outcome outcome-${e(header.outcome)}">${e(header.outcomeLabel)}</span>`],
    ]),
    '</header>',
    '<section><h2>Summary</h2>',
    `<p class="summary">${e(model.summary)}</p></section>`,
  ].join('');
}

/** The outcome the engine decided: what it means, why, and when the fix took effect. */
function renderOutcome(model: ReportModel): string {
  const o = model.outcome;
  const fixes = o.fixes.map(
    (f) => `<li>${e(f.description)} <span class="muted">(${f.lasting ? 'lasting fix' : 'stop-gap'}, ${e(formatTime(f.at))})</span></li>`,
  );
  return [
    '<section class="keep"><h2>Outcome</h2>',
    `<p><span class="outcome outcome-${e(model.header.outcome)}">${e(model.header.outcomeLabel)}</span> ${e(o.meaning)}</p>`,
    o.reason ? `<p>${e(o.reason)}</p>` : '',
    fixes.length ? `<ul>${fixes.join('')}</ul>` : '',
    factsTable([['Fix took effect', `${e(formatTime(o.fixTakenEffectAt, 'not yet'))} <span class="muted small">(${e(o.fixTakesEffect)})</span>`]]),
    '</section>',
  ].join('');
}

/** What is left to do after a mitigated or not yet verified session, with who does it. */
function renderFollowUps(model: ReportModel): string {
  const list = model.outcome.followUps;
  if (!list.length) return '';
  return [
    '<section class="keep"><h2>Follow-ups</h2>',
    table(
      ['What', 'Who', 'Not before'],
      list.map((f) => [e(f.action), e(f.owner), e(f.notBefore ? formatTime(f.notBefore) : '—')]),
    ),
    '</section>',
  ].join('');
}

function renderEmails(model: ReportModel): string {
  const m = model.emails;
  if (!m) return '';
  return `<h3>Emails that failed</h3><p>${e(m.statement)}</p><p class="small muted">Source: ${e(m.source.source)}, ${e(formatTime(m.source.at))}</p>`;
}

function renderSymptom(model: ReportModel): string {
  const s = model.symptom;
  if (!s)
    return `<section><h2>Symptom evidence</h2><p class="muted">No count of the errors was read, imported or given in this session.</p>${renderEmails(model)}</section>`;
  const countText = `${s.capped ? 'At least ' : ''}${plural(s.count, s.errorName)}`;
  return [
    '<section><h2>Symptom evidence</h2>',
    `<p>${e(countText)} found${s.windowStart ? ` between ${e(formatTime(s.windowStart))} and ${e(formatTime(s.windowEnd))}` : ''}.</p>`,
    s.coverage ? `<p class="muted">${e(s.coverage)}</p>` : '',
    factsTable([
      ['First seen', e(formatTime(s.firstSeen, 'none'))],
      ['Last seen', e(formatTime(s.lastSeen, 'none'))],
      ['Source', `${e(s.source.source)}, ${e(formatTime(s.source.at))}`],
    ]),
    s.perServer.length
      ? table(
          ['Front-end server', 'Errors'],
          s.perServer.map((p) => [e(p.server), e(formatCount(p.count))]),
          { numeric: [1] },
        )
      : '',
    s.sampleMessage ? `<div class="keep"><h3>Sample message</h3><pre>${e(s.sampleMessage)}</pre></div>` : '',
    renderEmails(model),
    '</section>',
  ].join('');
}

function renderFindings(model: ReportModel): string {
  const parts = ['<section><h2>Findings</h2>'];
  if (model.servers.length) {
    parts.push(
      '<h3>Front-end servers</h3>',
      table(
        ['Server', 'Sends email', 'Threads for emails', 'Zone'],
        model.servers.map((s) => [
          e(s.name),
          e(formatYesNo(s.sendsEmail)),
          s.threads === null ? 'unknown' : `${e(s.threads)} <span class="muted small">(${e(s.threadsSource)})</span>`,
          e(s.zone ?? 'unknown'),
        ]),
        { numeric: [2] },
      ),
    );
  }
  if (model.findings.length) {
    parts.push(
      '<h3>Facts and where they come from</h3>',
      table(
        ['Topic', 'Fact', 'Value', 'Source and time'],
        model.findings.map((f) => [
          e(f.topic),
          e(f.label),
          e(f.value),
          `${e(f.source.source)}<br><span class="small muted when">${e(formatTime(f.source.at))}</span>`,
        ]),
      ),
    );
  }
  if (!model.servers.length && !model.findings.length) parts.push('<p class="muted">No facts were recorded.</p>');
  parts.push('</section>');
  return parts.join('');
}

function renderCalculation(model: ReportModel): string {
  const c = model.calculation;
  if (!c && !model.calculationApplies) return '';
  if (!c) return '<section><h2>Calculation</h2><p class="muted">No calculation was made in this session.</p></section>';
  const state = (connections: number, limit: number) =>
    connections > limit ? `<span class="over">over the limit</span>` : `<span class="within">within the limit</span>`;
  return [
    '<section><h2>Calculation: connections per mailbox</h2>',
    `<p>${e(c.provider)} allows <strong>${e(c.limit)}</strong> concurrent connections per sending mailbox. Every server that sends email opens one connection per email thread, and all of them share the mailbox's limit.</p>`,
    table(
      ['Mailbox', 'Before', 'After', 'Limit'],
      c.mailboxes.map((m) => [
        e(m.mailbox),
        `<strong>${e(m.before.connections)}</strong> · ${state(m.before.connections, m.limit)}<br><span class="small">${e(m.before.arithmetic)}</span>`,
        m.after
          ? `<strong>${e(m.after.connections)}</strong> · ${state(m.after.connections, m.limit)}<br><span class="small">${e(m.after.arithmetic)}</span>`
          : '<span class="muted">no change</span>',
        e(m.limit),
      ]),
    ),
    `<div class="keep">${renderBudgetChart(c)}</div>`,
    `<p class="muted small">Diagnosis: ${e(c.verdict)}</p>`,
    '</section>',
  ].join('');
}

function renderChange(change: ReportChange): string {
  const undone = change.undoneAt ? ` <span class="over">Undone ${e(formatTime(change.undoneAt))}.</span>` : '';
  const rows: Array<[string, string]> = [
    ['Setting', e(change.target)],
    ...(change.before !== null || change.after !== null
      ? [['Before → after', `${e(change.before ?? 'none')} → <strong>${e(change.after ?? 'none')}</strong>`] as [string, string]]
      : []),
    ['By', `${e(change.actor ?? 'not recorded')}, ${e(formatTime(change.at))}`],
  ];
  if (change.auditId) rows.push(['Audit entry', `<code>${e(change.auditId)}</code>`]);
  return [
    '<div class="change">',
    `<h3>${e(change.description)}</h3>`,
    undone ? `<p>${undone}</p>` : '',
    factsTable(rows),
    change.statement
      ? `<p class="small">Statement the app ran${change.parameters ? ` (parameters: ${e(formatParameters(change.parameters))})` : ''}:</p><pre>${e(change.statement)}</pre>`
      : '<p class="small muted">Changed by hand by the engineer; the app ran no statement.</p>',
    '</div>',
  ].join('');
}

function renderActions(model: ReportModel): string {
  const a = model.actions;
  const parts = ['<section><h2>Actions</h2>'];
  if (a.plan) {
    parts.push(
      `<p><strong>Plan chosen: ${e(a.plan.title)}.</strong> ${e(a.plan.reason)}</p>`,
      a.plan.tradeOff ? `<p class="muted">Trade-off: ${e(a.plan.tradeOff)}</p>` : '',
    );
  }
  if (!a.plan && !a.changes.length && !a.fixSteps.length) parts.push('<p class="muted">No change was made.</p>');
  parts.push(...a.changes.map(renderChange));
  if (a.restart.length) {
    parts.push(
      `<h3>${e(a.restartService ?? 'Service')} restart</h3>`,
      table(
        ['Front-end server', 'Restarted', 'When'],
        a.restart.map((r) => [e(r.server), r.done ? 'yes' : '<span class="over">no</span>', e(formatTime(r.at, r.done ? 'not recorded' : '—'))]),
      ),
    );
  }
  if (a.fixSteps.length) {
    parts.push(
      '<h3>Steps of the fix</h3><ol>',
      ...a.fixSteps.map(
        (step) =>
          `<li>${e(step.text)}${step.where ? ` <span class="muted">(${e(step.where)})</span>` : ''}${step.code ? `<pre aria-label="${e(step.code.language)}">${e(step.code.text)}</pre>` : ''}</li>`,
      ),
      '</ol>',
    );
  }
  if (a.undo) parts.push(`<h3>Undo</h3><p>${e(a.undo)}</p>`);
  parts.push('</section>');
  return parts.join('');
}

const STATE_CLASS = { pass: 'within', fail: 'over', watching: 'muted', unknown: 'muted', skipped: 'muted' } as const;

/** The criteria the playbook declares, each as the engine judged it when the outcome was decided. */
function renderVerification(model: ReportModel): string {
  const v = model.verification;
  const criteria = model.outcome.criteria;
  if (!criteria.length && !v) return '<section><h2>Verification</h2><p class="muted">No verification was recorded.</p></section>';
  return [
    '<section><h2>Verification</h2>',
    v?.checkedAt ? `<p class="small muted">Last checked ${e(formatTime(v.checkedAt))}.</p>` : '',
    criteria.length
      ? table(
          ['What must hold', 'Result', 'What was seen', 'Can pass from'],
          criteria.map((c) => [e(c.label), `<span class="${STATE_CLASS[c.state]}">${e(c.result)}</span>`, e(c.seen), e(c.until ? formatTime(c.until) : '—')]),
          { className: 'criteria' },
        )
      : '',
    '</section>',
  ].join('');
}

function renderAppendix(model: ReportModel): string {
  const { events, references, evidence } = model.appendix;
  return [
    evidence.length
      ? `<section><h2>What the platform database showed</h2><p class="muted">Kept as evidence of where settings live on this platform.</p>${factsTable(evidence.map((item) => [item.label, e(item.value)]))}</section>`
      : '',
    '<section><h2>Appendix A: session event log</h2>',
    events.length
      ? table(
          ['Time', 'Event'],
          events.map((ev) => [`<span class="when">${e(formatTime(ev.at))}</span>`, e(ev.message)]),
          { className: 'log' },
        )
      : '<p class="muted">The session recorded no events.</p>',
    '</section>',
    '<section><h2>Appendix B: sources of the guidance</h2><ul class="refs">',
    ...references.map((r) => `<li>${e(r.title)}${r.url ? `<br><a href="${e(r.url)}">${e(r.url)}</a>` : ''}</li>`),
    '</ul></section>',
  ].join('');
}

/** A data: URL of one PNG or JPEG image and nothing else (the report's CSP allows img-src data: only). */
const IMAGE_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Appendix C: the files the customer sent. Images are shown (as data: URLs, so the document stays
 * self-contained), PDFs listed with name, caption and size. Names and captions are escaped like
 * every other value.
 */
function renderAttachments(model: ReportModel, images: Readonly<Record<string, string>>): string {
  const list = model.appendix.attachments ?? [];
  if (!list.length) return '';
  const about = (a: ReportAttachment) =>
    `${e(ATTACHMENT_TYPE_LABEL[a.type] ?? a.type)}, ${e(formatBytes(a.bytes))}, added ${e(formatTime(a.addedAt))} by ${e(a.addedBy)} · SHA-256 <code class="hash">${e(a.sha256)}</code>`;
  const figures = list
    .filter((a) => a.type === 'png' || a.type === 'jpeg')
    .map((a) => {
      const src = images[a.id];
      const shown = typeof src === 'string' && src.startsWith(`data:${ATTACHMENT_MIME[a.type]};`) && IMAGE_DATA_URL.test(src);
      return [
        '<figure class="attachment">',
        shown
          ? `<img src="${e(src)}" alt="${e(a.caption || a.fileName)}">`
          : '<p class="muted">The image is no longer in the app\'s data folder, so it cannot be shown here.</p>',
        `<figcaption><strong>${e(a.fileName)}</strong>${a.caption ? `: ${e(a.caption)}` : ''}<br><span class="small muted">${about(a)}</span></figcaption>`,
        '</figure>',
      ].join('');
    });
  const documents = list.filter((a) => a.type === 'pdf');
  return [
    '<section><h2>Appendix C: attachments</h2>',
    '<p class="muted">Files the customer sent, attached to the session.</p>',
    ...figures,
    documents.length
      ? `<h3>Documents</h3>${table(
          ['File', 'Caption', 'Size', 'Added'],
          documents.map((a) => [
            `${e(a.fileName)}<br><span class="small muted">SHA-256 <code class="hash">${e(a.sha256)}</code></span>`,
            a.caption ? e(a.caption) : '<span class="muted">none</span>',
            e(formatBytes(a.bytes)),
            `<span class="when">${e(formatTime(a.addedAt))}</span><br>${e(a.addedBy)}`,
          ]),
        )}`
      : '',
    smtpChecksHtml(list),
    '</section>',
  ].join('');
}
