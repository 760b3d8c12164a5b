import { askHidden } from '../server/secret-setup';

/**
 * Asks for the check's password or token in the terminal without echo (the prompt on stderr, so
 * `--json > file` stays clean). No terminal (a pipe, a scheduled task), or nothing typed: refused,
 * with what to set instead.
 */
export async function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) throw new Error('No terminal to ask for the secret in: set SMTP_CHECK_PASSWORD (or SMTP_CHECK_TOKEN with --xoauth2) instead');
  const answer = await askHidden(question, input, output);
  if (!answer) throw new Error('Nothing was typed at the prompt: no login was tried');
  return answer;
}
