import { SMTP_STAGE_LABEL, type SmtpCheckResult, type SmtpStageResult } from '../../../../shared/smtp-check/result';

/** The check's stages, TLS and concurrency as tables, as the report shows them. */

const STATUS: Record<SmtpStageResult['status'], string> = { passed: 'Passed', failed: 'Failed', warning: 'Warning', skipped: 'Not run' };
const BADGE: Record<SmtpStageResult['status'], string> = {
  passed: 'badge badge-success',
  failed: 'badge badge-danger',
  warning: 'badge badge-warning',
  skipped: 'badge',
};
const count = new Intl.NumberFormat(undefined);
const matchWords = (m: NonNullable<SmtpStageResult['match']>) => `${m.playbookTitle}${m.form ? ` (form ${m.form})` : ''}`;

export function SmtpCheckStages({ result }: { result: SmtpCheckResult }) {
  const tls = result.tls;
  const cert = tls?.certificate;
  return (
    <div className="stack">
      <div className="table-scroll">
        <table className="table" aria-label="SMTP check stages">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Result</th>
              <th scope="col">Time</th>
              <th scope="col">What was found</th>
            </tr>
          </thead>
          <tbody>
            {result.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{SMTP_STAGE_LABEL[s.stage]}</th>
                <td>
                  <span className={BADGE[s.status]}>{STATUS[s.status]}</span>
                </td>
                <td className="nowrap">{s.ms === null ? '' : `${count.format(s.ms)} ms`}</td>
                <td>
                  {s.detail}
                  {s.status === 'failed' && s.reply && <pre className="mono small">{s.reply}</pre>}
                  {s.match && <div className="small">Playbook: {matchWords(s.match)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tls && (
        <table className="table" aria-label="TLS and certificate">
          <tbody>
            <tr>
              <th scope="row">Protocol and cipher</th>
              <td>
                {tls.protocol ?? 'unknown'}, {tls.cipher ?? 'unknown'}
              </td>
            </tr>
            {cert && (
              <>
                <tr>
                  <th scope="row">Certificate</th>
                  <td>{cert.subject}</td>
                </tr>
                <tr>
                  <th scope="row">Names</th>
                  <td>{cert.subjectAltNames.join(', ') || 'none'}</td>
                </tr>
                <tr>
                  <th scope="row">Issuer chain</th>
                  <td>{[cert.issuer, ...cert.issuerChain.filter((x) => x !== cert.issuer)].join(' ← ')}</td>
                </tr>
                <tr>
                  <th scope="row">Valid</th>
                  <td>
                    {cert.validFrom} to {cert.validTo}
                  </td>
                </tr>
              </>
            )}
            <tr>
              <th scope="row">Validates for {result.host}</th>
              <td>{tls.trusted && tls.validForHost ? 'yes' : `no${tls.problem ? `: ${tls.problem}` : ''}`}</td>
            </tr>
          </tbody>
        </table>
      )}
      {result.concurrency && (
        <table className="table" aria-label="Concurrent connections">
          <caption className="table-caption">
            {result.concurrency.accepted} of {result.concurrency.requested} connections open at once sent their test email
          </caption>
          <thead>
            <tr>
              <th scope="col">Connection</th>
              <th scope="col">Result</th>
              <th scope="col">Reply</th>
            </tr>
          </thead>
          <tbody>
            {result.concurrency.connections.map((c) => (
              <tr key={c.index}>
                <th scope="row">#{c.index}</th>
                <td>{c.status}</td>
                <td>
                  {c.reply}
                  {c.match && <div className="small">Playbook: {matchWords(c.match)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.warnings.map((w) => (
        <p key={w} className="banner banner-warning" role="note">
          {w}
        </p>
      ))}
    </div>
  );
}
