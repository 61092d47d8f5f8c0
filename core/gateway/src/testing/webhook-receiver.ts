import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the receiver got, with its body exactly as sent (what signatures cover). */
export interface ReceivedWebhook {
  /** The `webhook-id` header. */
  id: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
  receivedAt: Date;
}

/**
 * How the receiver answers: `ok` 200; `error` 500; `redirect` 302 elsewhere; `down` drops the
 * connection before answering (a crashed or unreachable server); `hang` never answers.
 */
export type ReceiverMode = 'ok' | 'error' | 'redirect' | 'down' | 'hang';

export interface WebhookReceiver {
  url: string;
  /** Every request that reached it, answered or not, in order. */
  received: ReceivedWebhook[];
  /** The requests it answered 2xx, i.e. the IPNs the gateway may count as delivered. */
  acknowledged: ReceivedWebhook[];
  mode: ReceiverMode;
  /** Waits this long before answering (to make concurrent senders overlap). */
  delayMs: number;
  /** Resolves once `count` requests in all have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A real HTTP server to point IPNs at in tests. */
export async function startWebhookReceiver(mode: ReceiverMode = 'ok'): Promise<WebhookReceiver> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    acknowledged: [],
    mode,
    delayMs: 0,
    waitFor(count, timeoutMs = 10_000) {
      if (receiver.received.length >= count) return Promise.resolve(receiver.received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} webhooks, got ${receiver.received.length}`));
        }, timeoutMs);
        const check = () => {
          if (receiver.received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(receiver.received);
        };
        waiters.add(check);
      });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const current = receiver.mode;
      if (receiver.delayMs > 0 && current !== 'hang')
        await new Promise((r) => setTimeout(r, receiver.delayMs));
      const entry: ReceivedWebhook = {
        id: req.headers['webhook-id'] as string | undefined,
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        receivedAt: new Date(),
      };
      receiver.received.push(entry);
      for (const wake of waiters) wake();
      switch (current) {
        case 'ok':
          receiver.acknowledged.push(entry);
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          return;
        case 'error':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver failed');
          return;
        case 'redirect':
          res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
          return;
        case 'down':
          req.socket.destroy();
          return;
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/ipn`;
  return receiver;
}
