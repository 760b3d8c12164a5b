import { escapeHtml as e, escapeMarkdown as md } from './escape';
import { formatTime } from './format';
import type { ReportAttachment } from './model';
import { SMTP_STAGE_LABEL, type SmtpCheckResult, type SmtpStageResult } from '../smtp-check/result';

/**
 * The live SMTP checks attached to a session, in the report: each stage with its time, reply and
 * the playbook a refused reply is, then the certificate and the concurrency measure. The check
 * holds no secret (shared/smtp-check/result.ts), so everything here can be shown.
 */

const STATUS: Record<SmtpStageResult['status'], string> = { passed: 'Passed', failed: 'Failed', warning: 'Warning', skipped: 'Not run' };
const count = new Intl.NumberFormat('en-US');
const ms = (s: SmtpStageResult) => (s.ms === null ? '' : `${count.format(s.ms)} ms`);
const matchWords = (s: { match?: SmtpStageResult['match'] }) => (s.match ? `${s.match.playbookTitle}${s.match.form ? ` (form ${s.match.form})` : ''}` : '');
const modeWords = { starttls: 'STARTTLS', implicit: 'implicit TLS', none: 'no TLS' } as const;

/** The attachments that are SMTP checks, with the file each came from. */
function checksOf(attachments: readonly ReportAttachment[]): Array<{ fileName: string; check: SmtpCheckResult }> {
  return attachments.flatMap((a) => (a.smtpCheck ? [{ fileName: a.fileName, check: a.smtpCheck }] : []));
}

function heading(check: SmtpCheckResult): string {
  return `SMTP check of ${check.host}:${check.port} (${modeWords[check.tlsMode]})${check.user ? ` as ${check.user}` : ''}, ${formatTime(check.startedAt)}`;
}

function certificateRows(check: SmtpCheckResult): Array<[string, string]> {
  const tls = check.tls;
  if (!tls) return [];
  const c = tls.certificate;
  return [
    ['Protocol and cipher', `${tls.protocol ?? 'unknown'}, ${tls.cipher ?? 'unknown'}`],
    ...(c
      ? ([
          ['Certificate', c.subject],
          ['Names', c.subjectAltNames.join(', ') || 'none'],
          ['Issuer chain', [c.issuer, ...c.issuerChain.filter((x) => x !== c.issuer)].join(' ← ')],
          ['Valid', `${formatTime(c.validFrom)} to ${formatTime(c.validTo)}`],
          ['SHA-256', c.fingerprintSha256],
        ] as Array<[string, string]>)
      : []),
    ['Trusted', tls.trusted ? 'yes' : 'no'],
    [`Valid for ${check.host}`, tls.validForHost ? 'yes' : 'no'],
    ...(tls.problem ? ([['Problem', tls.problem]] as Array<[string, string]>) : []),
  ];
}

export function smtpChecksHtml(attachments: readonly ReportAttachment[]): string {
  return checksOf(attachments)
    .map(({ fileName, check }) => {
      const stages = check.stages.map((s) =>
        [
          e(SMTP_STAGE_LABEL[s.stage]),
          `<strong>${e(STATUS[s.status])}</strong>`,
          e(ms(s)),
          [e(s.detail), s.reply && s.status === 'failed' ? `<br><code>${e(s.reply)}</code>` : '', s.match ? `<br>Playbook: ${e(matchWords(s))}` : ''].join(''),
        ].map((c, i) => (i === 2 ? `<td class="when">${c}</td>` : `<td>${c}</td>`)),
      );
      const cert = certificateRows(check);
      const conn = check.concurrency;
      return [
        `<h3>${e(heading(check))}</h3>`,
        `<p>${e(check.summary)} <span class="small muted">From ${e(fileName)}.</span></p>`,
        '<table><thead><tr><th>Stage</th><th>Result</th><th>Time</th><th>What was found</th></tr></thead><tbody>',
        ...stages.map((cells) => `<tr>${cells.join('')}</tr>`),
        '</tbody></table>',
        cert.length
          ? `<table class="facts"><tbody>${cert.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`
          : '',
        conn
          ? `<p>${e(`Concurrent connections: ${conn.accepted} of ${conn.requested} sent.`)}</p><table><thead><tr><th>Connection</th><th>Result</th><th>Reply</th></tr></thead><tbody>${conn.connections
              .map(
                (c) => `<tr><td>${c.index}</td><td>${e(c.status)}</td><td>${e(c.reply ?? '')}${c.match ? `<br>Playbook: ${e(matchWords(c))}` : ''}</td></tr>`,
              )
              .join('')}</tbody></table>`
          : '',
        ...check.warnings.map((w) => `<p><strong>Warning:</strong> ${e(w)}</p>`),
      ].join('');
    })
    .join('');
}

export function smtpChecksMarkdown(attachments: readonly ReportAttachment[]): string[] {
  return checksOf(attachments).flatMap(({ fileName, check }) => {
    const lines = [
      `### ${md(heading(check))}`,
      '',
      `${md(check.summary)} (from ${md(fileName)})`,
      '',
      '| Stage | Result | Time | What was found |',
      '| --- | --- | --- | --- |',
    ];
    for (const s of check.stages) {
      const reply = s.reply && s.status === 'failed' ? ` Reply: ${md(s.reply)}` : '';
      const match = s.match ? ` Playbook: ${md(matchWords(s))}` : '';
      lines.push(`| ${md(SMTP_STAGE_LABEL[s.stage])} | ${STATUS[s.status]} | ${ms(s)} | ${md(s.detail)}${reply}${match} |`);
    }
    const cert = certificateRows(check);
    if (cert.length) lines.push('', '| TLS | |', '| --- | --- |', ...cert.map(([k, v]) => `| ${md(k)} | ${md(v)} |`));
    if (check.concurrency) {
      lines.push(
        '',
        `Concurrent connections: ${check.concurrency.accepted} of ${check.concurrency.requested} sent.`,
        '',
        '| Connection | Result | Reply |',
        '| --- | --- | --- |',
      );
      for (const c of check.concurrency.connections)
        lines.push(`| ${c.index} | ${c.status} | ${md(c.reply ?? '')}${c.match ? ` Playbook: ${md(matchWords(c))}` : ''} |`);
    }
    for (const w of check.warnings) lines.push('', `**Warning:** ${md(w)}`);
    lines.push('');
    return lines;
  });
}
