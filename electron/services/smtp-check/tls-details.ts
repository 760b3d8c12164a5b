import tls from 'node:tls';
import type { SmtpTlsMode } from '../../../shared/smtp-check/request';
import type { SmtpTlsDetails } from '../../../shared/smtp-check/result';

/**
 * What the TLS handshake gave: protocol, cipher, the certificate and its chain, and whether it
 * validates (trusted chain, dates, the typed host name), in words an engineer can act on.
 */

type Name = Record<string, string | string[] | undefined> | undefined;

/** "CN=smtp.office365.com, O=Microsoft Corporation". */
function formatName(name: Name): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .join(', ');
}

const iso = (text: string | undefined) => {
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : (text ?? '');
};

/** Why a certificate does not validate, from OpenSSL's and Node's codes. */
function problemWords(code: string, cert: tls.PeerCertificate, host: string): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `The certificate expired on ${iso(cert.valid_to)}.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate is not valid before ${iso(cert.valid_from)}.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `The certificate is issued by ${formatName(cert.issuer as Name) || 'an unknown authority'}, which this computer does not trust (${code}). A TLS-inspecting proxy or firewall between here and the server gives this; the platform's sender would see the same.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate is for ${cert.subjectaltname || formatName(cert.subject as Name) || 'another name'}, not for ${host}.`;
    default:
      return `The certificate does not validate: ${code}.`;
  }
}

export function tlsDetails(socket: tls.TLSSocket, host: string, mode: SmtpTlsMode): SmtpTlsDetails {
  const cert = socket.getPeerCertificate(true);
  const hasCert = cert && Object.keys(cert).length > 0;
  const cipher = socket.getCipher();
  const chain: string[] = [];
  if (hasCert) {
    const seen = new Set<string>();
    let at: tls.DetailedPeerCertificate | undefined = cert.issuerCertificate;
    while (at && !seen.has(at.fingerprint256) && chain.length < 20) {
      seen.add(at.fingerprint256);
      if (at.fingerprint256 === cert.fingerprint256) break;
      chain.push(formatName(at.subject as Name));
      at = at.issuerCertificate === at ? undefined : at.issuerCertificate;
    }
  }
  const nameError = hasCert ? tls.checkServerIdentity(host, cert) : new Error('no certificate');
  const authError = socket.authorizationError ? String(socket.authorizationError) : null;
  const trusted = socket.authorized || authError === 'ERR_TLS_CERT_ALTNAME_INVALID';
  const validForHost = !nameError;
  let problem: string | null = null;
  if (!hasCert) problem = 'The server sent no certificate.';
  else if (!trusted && authError) problem = problemWords(authError, cert, host);
  else if (!validForHost) problem = problemWords('ERR_TLS_CERT_ALTNAME_INVALID', cert, host);
  return {
    mode,
    protocol: socket.getProtocol() ?? null,
    cipher: cipher ? cipher.standardName || cipher.name : null,
    certificate: hasCert
      ? {
          subject: formatName(cert.subject as Name),
          subjectAltNames: (cert.subjectaltname ?? '')
            .split(/,\s*/)
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 500),
          issuer: formatName(cert.issuer as Name),
          issuerChain: chain,
          validFrom: iso(cert.valid_from),
          validTo: iso(cert.valid_to),
          fingerprintSha256: cert.fingerprint256 ?? '',
        }
      : null,
    trusted: hasCert && trusted,
    validForHost,
    problem,
  };
}

/** A failed handshake in words: the usual cause first (domain.md 4e: Exchange Online needs TLS 1.2 or later). */
export function handshakeWords(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported protocol|protocol version|wrong version number|no protocols available|version too low/i.test(message)) {
    return `The server and this check agreed on no TLS version: the check needs TLS 1.2 or later, as Exchange Online does, and the server offers only an older one (TLS 1.0 or 1.1), or something between here and the server does (${message}).`;
  }
  return `The TLS handshake failed: ${message}`;
}
