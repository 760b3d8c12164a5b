/**
 * SQL Server with Encrypt off sends the login, whose password is only XOR-scrambled, and every row
 * in clear: the engineer must hear it in plain words, in the form and in the test's result.
 * Oracle (thin mode) never sends the password itself, and the demo sends nothing over a network.
 */
export function unencryptedWarning(fields: { engine: string; encrypt: boolean; auth?: string }): string | null {
  if (fields.engine !== 'sqlserver' || fields.encrypt) return null;
  return fields.auth === 'ntlm'
    ? 'Encrypt is off: everything read from the database travels unencrypted over the network. Turn Encrypt on unless the server cannot do it.'
    : 'Encrypt is off: the password travels unencrypted to the server (only scrambled, readable by anyone on the network path), and so does everything read. Turn Encrypt on unless the server cannot do it.';
}
