import type { Criterion } from '../../wizard/criteria';
import { ERRORS_COUNT } from './probe-facts';

/**
 * The criteria every email playbook verifies by, as the shared probes fill their facts: no error of
 * the playbook since the fix, and traffic since it (without an email sent, "no error" proves nothing).
 */

/** No error of the playbook since the fix took effect; `what` names it, e.g. "Send As denial". */
export function noErrorSinceFix(what: string): Criterion {
  return { id: 'no-error-since-fix', kind: 'none-since-fix', fact: `after.${ERRORS_COUNT}`, label: `No ${what} since the fix` };
}

/** At least one email sent since the fix took effect. */
export const EMAIL_SENT_SINCE_FIX: Criterion = {
  id: 'traffic-since-fix',
  kind: 'at-least-since-fix',
  fact: 'after.emails.sent',
  need: 1,
  what: 'emails sent',
  label: 'At least one email sent since the fix',
};
