import { randomBytes } from 'node:crypto';
import net from 'node:net';

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

function listen(onConnection: (socket: net.Socket) => void): Promise<FakeServer> {
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
