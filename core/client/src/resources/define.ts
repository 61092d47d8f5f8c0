import type { HttpClient, HttpMethod, RequestOptions } from '../http-client.js';

/**
 * The `{name}` parts of a path template, as a tuple of strings: '/v1/payments/{id}' → [string].
 * An endpoint may narrow them (`A`), e.g. to the template names.
 */
type PathParams<P extends string> = P extends `${string}{${string}}${infer Rest}`
  ? [string, ...PathParams<Rest>]
  : [];

/**
 * One endpoint of the REST API, declared once (stripe-node style): its method and path template,
 * and at the type level the arguments and the answer. `T` is the bound method's signature.
 */
export interface Endpoint<T extends (...args: never[]) => unknown> {
  readonly method: HttpMethod;
  readonly path: string;
  /** What the argument after the path parameters is: a JSON body, a query string, or nothing. */
  readonly params: 'body' | 'query' | 'none';
  readonly raw: boolean;
  /** Never set: carries `T` for `bind`. */
  readonly signature?: T;
}

/** An endpoint whose params are required (e.g. create a payment). */
export function required<P extends string, Params, R, A extends string[] = PathParams<P>>(
  method: HttpMethod,
  path: P,
): Endpoint<(...args: [...A, params: Params, options?: RequestOptions]) => Promise<R>> {
  return { method, path, params: method === 'GET' ? 'query' : 'body', raw: false };
}

/** An endpoint whose params may be left out (filters, optional amounts). */
export function optional<P extends string, Params, R, A extends string[] = PathParams<P>>(
  method: HttpMethod,
  path: P,
): Endpoint<(...args: [...A, params?: Params, options?: RequestOptions]) => Promise<R>> {
  return { method, path, params: method === 'GET' ? 'query' : 'body', raw: false };
}

/** An endpoint without params (retrieve, cancel...). A POST still sends `{}` and an Idempotency-Key. */
export function bare<P extends string, R, A extends string[] = PathParams<P>>(
  method: HttpMethod,
  path: P,
): Endpoint<(...args: [...A, options?: RequestOptions]) => Promise<R>> {
  return { method, path, params: 'none', raw: false };
}

/** A GET whose answer is not JSON: the caller gets the response body stream. */
export function download<P extends string, Params>(
  path: P,
): Endpoint<
  (
    ...args: [...PathParams<P>, params?: Params, options?: RequestOptions]
  ) => Promise<ReadableStream<Uint8Array>>
> {
  return { method: 'GET', path, params: 'query', raw: true };
}

type Bound<Table> = { [K in keyof Table]: Table[K] extends Endpoint<infer T> ? T : never };

/** Turns a table of endpoints into methods that send requests through `http`. */
export function bind<Table extends Record<string, Endpoint<(...args: never[]) => unknown>>>(
  http: HttpClient,
  table: Table,
): Bound<Table> {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, endpoint] of Object.entries(table)) {
    const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    methods[name] = async (...args: unknown[]) => {
      let path = endpoint.path;
      for (const [i, param] of names.entries()) {
        const value = args[i];
        if (typeof value !== 'string' || value.length === 0) {
          throw new TypeError(`${name}: argument ${i + 1} (${param}) must be a non-empty string id.`);
        }
        path = path.replace(`{${param}}`, encodeURIComponent(value));
      }
      const rest = args.slice(names.length);
      const params =
        endpoint.params === 'none' ? undefined : (rest.shift() as Record<string, unknown> | undefined);
      const options = rest.shift() as RequestOptions | undefined;
      const sendsBody =
        endpoint.method === 'POST' || endpoint.method === 'PATCH' || endpoint.method === 'PUT';
      const response = await http.request(
        {
          method: endpoint.method,
          path,
          query: endpoint.params === 'query' ? params : undefined,
          body: endpoint.params === 'body' ? (params ?? {}) : sendsBody ? {} : undefined,
          raw: endpoint.raw,
        },
        options,
      );
      return endpoint.raw ? (response as Response).body : response;
    };
  }
  return methods as unknown as Bound<Table>;
}

/**
 * Every item of a list, page after page, fetched as the loop goes.
 *
 * @example
 * for await (const payment of paginate((p) => caisse.payments.list(p), { status: 'captured' })) {
 *   console.log(payment.id);
 * }
 */
export async function* paginate<
  T extends { id: string },
  P extends { starting_after?: string; limit?: number },
>(
  list: (params: P) => Promise<{ data: T[]; has_more: boolean; next_cursor: string | null }>,
  params: P,
): AsyncGenerator<T> {
  let cursor = params.starting_after;
  for (;;) {
    const page = await list({ ...params, starting_after: cursor });
    yield* page.data;
    if (!page.has_more || !page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
