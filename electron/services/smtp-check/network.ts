import { promises as dns } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { StageTimeoutError } from './dialogue';
import type { TimedStage } from '../../../shared/smtp-check/request';

/**
 * The stages before SMTP: name resolution, TCP connect and, for implicit TLS, the handshake. Done
 * here rather than inside Nodemailer so each has its own timing, time-out and cancel, and the TLS
 * socket is at hand to read the certificate from.
 */

/** Rejects with the stage's time-out or the signal's reason, whichever comes first. */
export function bounded<T>(stage: TimedStage, ms: number, signal: AbortSignal, work: Promise<T>, onGiveUp?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (error: unknown) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      onGiveUp?.();
      reject(error);
    };
    const onAbort = () => stop(signal.reason);
    const timer = setTimeout(() => stop(new StageTimeoutError(stage, ms)), ms);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => stop(error),
    );
  });
}

/** The addresses the name resolves to (the system resolver, as the platform's own sender uses). */
export async function resolveAddresses(host: string, ms: number, signal: AbortSignal): Promise<string[]> {
  if (net.isIP(host)) return [host];
  const found = await bounded('dns', ms, signal, dns.lookup(host, { all: true, verbatim: true }));
  return [...new Set(found.map((a) => a.address))];
}

/**
 * Resolves with the socket when `event` fires, rejects on its first error. From then on an error has
 * somewhere to go until Nodemailer listens on the socket.
 */
function ready<S extends net.Socket>(socket: S, event: 'connect' | 'secureConnect'): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    socket.once(event, () => {
      socket.removeAllListeners('error').on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** A TCP connection to the first address that answers, in the resolver's order. */
export async function connectTcp(addresses: readonly string[], port: number, ms: number, signal: AbortSignal): Promise<net.Socket> {
  let last: unknown;
  for (const address of addresses) {
    const socket = net.connect({ host: address, port });
    try {
      return await bounded('connect', ms, signal, ready(socket, 'connect'), () => socket.destroy());
    } catch (error) {
      last = error;
      if (signal.aborted) throw error;
    }
  }
  throw last;
}

/** Options for every TLS handshake of the check: validation is judged afterwards, so the certificate can be shown even when it fails. */
export function tlsOptions(host: string, trustedCaPem: string | undefined): tls.ConnectionOptions {
  return {
    // Never trusted blindly: the stage fails and no credential is sent unless the chain and the name hold.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    ...(net.isIP(host) ? {} : { servername: host }),
    ...(trustedCaPem ? { ca: [...tls.rootCertificates, trustedCaPem] } : {}),
  };
}

/** Implicit TLS (port 465 style): the handshake right after TCP connect. */
export function startImplicitTls(socket: net.Socket, options: tls.ConnectionOptions, ms: number, signal: AbortSignal): Promise<tls.TLSSocket> {
  const secured = tls.connect({ ...options, socket });
  return bounded('tls', ms, signal, ready(secured, 'secureConnect'), () => secured.destroy());
}
