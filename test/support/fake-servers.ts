import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * Local TCP listeners on 127.0.0.1 that stand in for a broken database server:
 * - refused: a port that was bound and closed again, so nothing listens there;
 * - hang: accepts the connection and never answers;
 * - garbage: answers every connection with random bytes and closes it.
 */
export interface FakeServer {
  port: number;
  close(): Promise<void>;
}

export function listen(onConnection: (socket: net.Socket) => void): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port nothing listens on: bound, then closed. */
export async function refusedPort(): Promise<number> {
  const server = await listen(() => undefined);
  await server.close();
  return server.port;
}

export function hangingServer(): Promise<FakeServer> {
  return listen(() => undefined);
}

export function garbageServer(): Promise<FakeServer> {
  return listen((socket) => {
    socket.end(randomBytes(512));
  });
}

/** What a fake SQL Server answers in its pre-login reply about encryption (TDS 2.2.6.5). */
export type TdsEncryptionAnswer = 'off' | 'on' | 'not-supported' | 'required' | 'absent';
const ENCRYPTION_BYTE: Record<Exclude<TdsEncryptionAnswer, 'absent'>, number> = { off: 0x00, on: 0x01, 'not-supported': 0x02, required: 0x03 };

export interface TdsPacketSeen {
  /** TDS packet type: 0x12 pre-login (also carries the TLS handshake), 0x10 Login7, 0x01 SQL batch... */
  type: number;
  /** The payload after the 8-byte header. */
  payload: Buffer;
  /** Read inside TLS (decrypted by the fake), not in clear on the wire. */
  inTls?: boolean;
}

export interface FakeTdsServer extends FakeServer {
  /** Every TDS packet received, in order, on every connection. */
  packets: TdsPacketSeen[];
  /** Bytes on the wire that were not TDS packets (e.g. TLS records after the handshake). */
  unparsed: Buffer[];
  connections: number;
}

/**
 * Splits a byte stream into TDS packets. Calls `onRaw` with everything from the first bytes that
 * are not a TDS packet on (e.g. TLS records sent straight on the socket after the handshake).
 */
function tdsStream(onPacket: (type: number, payload: Buffer) => void, onRaw: (bytes: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let raw = false;
  return (chunk) => {
    if (raw) return onRaw(chunk);
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8) {
      const type = buffered[0]!;
      const length = buffered.readUInt16BE(2);
      if (![0x01, 0x03, 0x06, 0x07, 0x0e, 0x10, 0x11, 0x12].includes(type) || length < 8) {
        raw = true;
        const rest = buffered;
        buffered = Buffer.alloc(0);
        return onRaw(rest);
      }
      if (buffered.length < length) return;
      const payload = buffered.subarray(8, length);
      buffered = buffered.subarray(length);
      onPacket(type, payload);
    }
  };
}

/**
 * A SQL Server stand-in that speaks just enough TDS: it answers the client's pre-login with the
 * chosen encryption answer, records every packet it receives, and answers a Login7 with "Login
 * failed" (error 18456), or with `acceptLogin` a login acknowledgement (then every SQL batch with
 * an empty "done").
 * Without `tls` it cannot speak TLS: a client that starts the handshake is disconnected. With `tls`
 * (a key and certificate) it does what SQL Server does after answering ON or REQ: the TLS 1.2
 * handshake inside pre-login packets, then TLS straight on the socket; packets read inside TLS
 * are recorded with `inTls`.
 */
export async function fakeTdsServer(
  encryption: TdsEncryptionAnswer,
  options: { acceptLogin?: boolean; tls?: { key: string; cert: string } } = {},
): Promise<FakeTdsServer> {
  const packets: TdsPacketSeen[] = [];
  const unparsed: Buffer[] = [];
  let connections = 0;
  const answer = (type: number, send: (packet: Buffer) => void) => {
    if (type === 0x10) send(tdsPacket(0x04, options.acceptLogin ? loginAckReply() : loginFailedReply()));
    else if (type === 0x01) send(tdsPacket(0x04, doneToken(0)));
  };
  const server = await listen((socket) => {
    connections++;
    let prelogins = 0;
    let handshake: { wire: Duplex; pending: Buffer[]; raw: boolean } | undefined;
    const startTls = (keys: { key: string; cert: string }) => {
      const state = { pending: [] as Buffer[], raw: false, wire: undefined as unknown as Duplex };
      state.wire = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          // During the handshake the server's flight goes back as one pre-login message.
          if (state.raw) socket.write(chunk);
          else state.pending.push(chunk);
          done();
        },
      });
      const secure = new tls.TLSSocket(state.wire, {
        isServer: true,
        secureContext: tls.createSecureContext({ ...keys, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }),
      });
      secure.on('error', () => socket.destroy());
      secure.on(
        'data',
        tdsStream(
          (type, payload) => {
            packets.push({ type, payload, inTls: true });
            answer(type, (packet) => secure.write(packet));
          },
          (bytes) => unparsed.push(bytes),
        ),
      );
      return state;
    };
    socket.on(
      'data',
      tdsStream(
        (type, payload) => {
          packets.push({ type, payload });
          if (type === 0x12) prelogins++;
          if (type === 0x12 && prelogins === 1) {
            socket.write(tdsPacket(0x04, preloginReply(encryption)));
            if (options.tls && (encryption === 'on' || encryption === 'required')) handshake = startTls(options.tls);
          } else if (type === 0x12 && handshake) {
            const state = handshake;
            state.wire.push(payload);
            setTimeout(() => {
              if (state.pending.length === 0) return;
              socket.write(tdsPacket(0x12, Buffer.concat(state.pending.splice(0))));
            }, 30);
          } else if (type === 0x12)
            socket.destroy(); // a TLS handshake this fake cannot answer
          else answer(type, (packet) => socket.write(packet));
        },
        (bytes) => {
          unparsed.push(bytes);
          if (!handshake) return;
          handshake.raw = true;
          handshake.wire.push(bytes);
        },
      ),
    );
  });
  return {
    ...server,
    packets,
    unparsed,
    get connections() {
      return connections;
    },
  };
}

function tdsPacket(type: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header[1] = 0x01; // end of message
  header.writeUInt16BE(8 + payload.length, 2);
  header[6] = 1; // packet id
  return Buffer.concat([header, payload]);
}

function preloginReply(encryption: TdsEncryptionAnswer): Buffer {
  const options: Array<[number, Buffer]> = [
    [0x00, Buffer.from([15, 0, 0x07, 0xd0, 0, 0])], // version 15.0.2000
    ...(encryption === 'absent' ? [] : ([[0x01, Buffer.from([ENCRYPTION_BYTE[encryption]])]] as Array<[number, Buffer]>)),
    [0x02, Buffer.from([0])], // instance: ok
    [0x03, Buffer.alloc(0)], // thread id
    [0x04, Buffer.from([0])], // MARS off
  ];
  const tableLength = options.length * 5 + 1;
  const table = Buffer.alloc(tableLength);
  let offset = tableLength;
  options.forEach(([token, data], i) => {
    table[i * 5] = token;
    table.writeUInt16BE(offset, i * 5 + 1);
    table.writeUInt16BE(data.length, i * 5 + 3);
    offset += data.length;
  });
  table[tableLength - 1] = 0xff;
  return Buffer.concat([table, ...options.map(([, data]) => data)]);
}

function doneToken(status: number): Buffer {
  const done = Buffer.alloc(13);
  done[0] = 0xfd;
  done.writeUInt16LE(status, 1);
  return done;
}

/** LOGINACK (TDS 7.4, "Microsoft SQL Server" 15.0) and DONE. */
function loginAckReply(): Buffer {
  const name = 'Microsoft SQL Server';
  const body = Buffer.concat([
    Buffer.from([1]), // interface: T-SQL
    Buffer.from([0x74, 0x00, 0x00, 0x04]), // TDS 7.4
    Buffer.from([name.length]),
    Buffer.from(name, 'utf16le'),
    Buffer.from([15, 0, 0x07, 0xd0]), // program version
  ]);
  return Buffer.concat([Buffer.from([0xad, body.length & 0xff, body.length >> 8]), body, doneToken(0)]);
}

/** The password of a Login7 packet sent in clear: TDS only swaps each byte's nibbles and XORs 0xA5. */
export function login7Password(payload: Buffer): string {
  // Fixed part: 36 bytes, then (offset, length) pairs: host name at 36, user name at 40, password at 44.
  const passwordOffset = payload.readUInt16LE(44);
  const passwordChars = payload.readUInt16LE(46);
  const raw = Buffer.from(payload.subarray(passwordOffset, passwordOffset + passwordChars * 2));
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]! ^ 0xa5;
    raw[i] = ((b & 0x0f) << 4) | (b >> 4);
  }
  return raw.toString('utf16le');
}

/** ERROR token 18456 "Login failed for user" and a DONE token with the error bit (TDS 7.4). */
function loginFailedReply(): Buffer {
  const ucs2 = (text: string) => Buffer.from(text, 'utf16le');
  const message = "Login failed for user 'os_admin'.";
  const server = 'FAKESQL';
  const body = Buffer.concat([
    (() => {
      const b = Buffer.alloc(6);
      b.writeInt32LE(18456, 0);
      b[4] = 1; // state
      b[5] = 14; // class
      return b;
    })(),
    Buffer.from([message.length & 0xff, message.length >> 8]),
    ucs2(message),
    Buffer.from([server.length]),
    ucs2(server),
    Buffer.from([0]), // procedure name: empty
    Buffer.alloc(4), // line number
  ]);
  const error = Buffer.concat([Buffer.from([0xaa, body.length & 0xff, body.length >> 8]), body]);
  return Buffer.concat([error, doneToken(0x0002)]); // DONE_ERROR
}
