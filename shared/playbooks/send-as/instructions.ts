import type { PlanInstruction, StepContext } from '../../wizard/playbook';
import { decide, QUEUE_SENTENCE } from './decision';
import { WHERE } from './facts';

/**
 * The fix in steps: the From address aligned with the login mailbox where it is set (Service Center
 * for the default sender, Service Studio for an app's own From), or Send As granted by the
 * customer's Microsoft 365 admin with the exact PowerShell; then a test email, and what the
 * throttling means for the emails queued meanwhile.
 */

const PS = 'PowerShell';

/** An address as a PowerShell string: double-quoted, with `, " and $ escaped. */
function ps(value: string): string {
  return `"${value.replace(/[`"$]/g, '`$&')}"`;
}

export function grantScript(login: string | null, from: string | null): string {
  const trustee = login ? ps(login) : '<LOGIN_MAILBOX>';
  const mailbox = from ? ps(from) : '<FROM_ADDRESS>';
  return [
    '# Exchange Online PowerShell (module ExchangeOnlineManagement), signed in as an Exchange administrator.',
    'Connect-ExchangeOnline',
    '',
    '# Let the mailbox the platform logs in as send as the From address.',
    `Add-RecipientPermission ${mailbox} -AccessRights SendAs -Trustee ${trustee} -Confirm:$false`,
    '',
    '# Check: the trustee is listed with SendAs.',
    `Get-RecipientPermission ${mailbox} -Trustee ${trustee}`,
  ].join('\n');
}

export function sendAsInstructions(ctx: StepContext): PlanInstruction[] {
  const d = decide(ctx);
  if (d.route === 'unknown') return [{ text: 'Find the form of the error first (step "Symptom").', forEngineer: true }];
  const login = d.login ?? 'the mailbox the platform logs in as';
  const steps: PlanInstruction[] = [];
  if (d.route === 'app-from') {
    steps.push({
      where: WHERE.appFrom,
      text: `Either: set the From of the emails this application sends to ${login} (or leave it empty so the default sender is used), then publish the module.`,
    });
  } else {
    steps.push({
      where: WHERE.email,
      text: `Either: set the default sender (From address) to ${login}, the same address as the user name the platform logs in with, and save. Applications that set their own From address keep it: change those in ${WHERE.appFrom}.`,
    });
  }
  steps.push({
    where: 'Exchange Online PowerShell',
    text: `Or, when the emails must keep the address ${d.from ?? 'they use'}: the customer's Microsoft 365 admin grants ${login} Send As on it (${WHERE.recipientPermission} shows the same). The permission can take up to an hour to apply.`,
    code: { language: PS, text: grantScript(d.login, d.from) },
  });
  if (d.throttling) steps.push({ where: 'The throttled mailbox', text: d.throttling });
  steps.push(
    {
      where: 'Service Center > Monitoring > Emails and > Errors',
      text: `Send a test email from an application of this environment, then check that it shows as sent and that no new 5.7.60 or 5.2.252 error is logged. ${d.throttling ? '' : QUEUE_SENTENCE}`.trim(),
    },
    {
      forEngineer: true,
      text: 'Record here, under "I applied it myself", what was changed and by whom. Verify then counts the Send As denials and the emails sent since that moment: it passes with no denial and at least one email sent.',
    },
  );
  return steps;
}
