import type { SmtpCheckResult } from './result';

/**
 * What a live check says as facts a playbook can use: whether the login was accepted (null when
 * none was asked for), and the reply that decided it, in one line for a fact's detail. The check's
 * own time is the fact's time, so a check from before the fix never counts for after it.
 */
export interface LiveCheckFacts {
  /** The server and port checked, e.g. "smtp.office365.com:587". */
  target: string;
  /**
   * true: the login was accepted; false: refused; null: no login was asked for, or the check stopped
   * before it (a connection or TLS problem from this computer says nothing about the login).
   */
  loginAccepted: boolean | null;
  /** "Login accepted (235 2.7.0 Authentication successful)" or the refusal in words. */
  words: string;
  at: string;
}

export function liveCheckFacts(result: SmtpCheckResult): LiveCheckFacts {
  const target = `${result.host}:${result.port}`;
  const login = result.stages.find((s) => s.stage === 'login');
  const at = result.finishedAt || result.startedAt;
  if (!result.user || !login || (login.status !== 'passed' && login.status !== 'failed')) {
    const stopped = result.stages.find((s) => s.status === 'failed');
    return { target, loginAccepted: null, words: stopped ? `${target}: ${stopped.detail}` : `${target}: no login asked for`, at };
  }
  const reply = login.reply ? ` (${login.reply.split('\n')[0]})` : '';
  return {
    target,
    loginAccepted: login.status === 'passed',
    words: `${target}: login of ${result.user} ${login.status === 'passed' ? 'accepted' : 'refused'}${reply}`,
    at,
  };
}
