import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the shop received from buyers coming back. */
export interface ShopVisit {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * A merchant site of its own origin: serves plain HTML pages given by the test and records every
 * buyer that comes back (query string and POSTed form), answering a small page.
 */
export async function startShopServer(pages: Record<string, () => string> = {}) {
  const visits: ShopVisit[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop.local');
    const page = pages[url.pathname];
    if (req.method === 'GET' && page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
      return;
    }
    const body = req.method === 'POST' ? await readBody(req) : '';
    visits.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: Object.fromEntries(new URLSearchParams(body)),
    });
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><title>Shop</title><h1>Back at the shop: ${url.pathname}</h1></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    visits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
