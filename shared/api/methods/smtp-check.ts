import { method } from '../define';
import { smtpCheckRequestSchema } from '../../smtp-check/request';
import type { SmtpCheckResult } from '../../smtp-check/result';

/**
 * The live SMTP check (domain.md 4e). Long: it reports each stage as progress and `app.cancel`
 * stops it. The password or token in the input is used for this call only: the result never holds it.
 */
export const smtpCheckMethods = {
  'smtpCheck.run': method(smtpCheckRequestSchema, { long: true }).returns<SmtpCheckResult>(),
};
