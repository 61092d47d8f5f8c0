import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';

/** A listening gateway (PGlite) with its mock acquirer, and helpers to make payments through its API. */
export async function startGateway(options: Parameters<typeof createTestGateway>[0] = {}) {
  const gw = await createTestGateway({ listen: true, ...options });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gw.url}${path}`, {
      method,
      headers: { ...gw.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read API answers by path, as JSON
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  return {
    gw,
    api,
    /** A payment waiting for its buyer: its page URL and id. */
    async newPayment(body: Record<string, unknown> = {}) {
      const res = await api('POST', '/v1/payments', {
        amount: 2490,
        currency: 'EUR',
        reference: 'ORDER-E2E',
        ...body,
      });
      if (res.status !== 201) throw new Error(`payment not created: ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, url: res.body.next_action.redirect_url as string };
    },
    payment: async (id: string) => (await api('GET', `/v1/payments/${id}`)).body,
  };
}

export type E2EGateway = Awaited<ReturnType<typeof startGateway>>;
export type { TestGateway };
