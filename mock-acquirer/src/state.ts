import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FaultController, type FaultCounts } from './faults.js';
import { type AuthorizationBalance, Ledger, type LedgerEntry } from './ledger.js';
import type { OperationContext } from './movement.js';
import { RedirectPayments } from './redirect-means.js';
import { ThreeDsDirectory } from './three-ds.js';

export interface MockAcquirerStateOptions {
  /** Seeds ids and fault draws; random when absent (read it back from `state.seed`). */
  seed?: number;
  /** When set, every request but /health and /test-cards needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Clock for ledger times and expiry checks. */
  now?: () => Date;
}

/** What `GET /_ledger` and `ledger()` return. */
export interface LedgerView {
  entries: LedgerEntry[];
  authorizations: AuthorizationBalance[];
  faults: FaultCounts;
}

/** Everything a mock acquirer holds: books, faults, key, and the requests it keeps waiting. */
export class MockAcquirerState {
  readonly seed: number;
  readonly ledger: Ledger;
  readonly faults: FaultController;
  readonly context: OperationContext;
  readonly threeDs: ThreeDsDirectory;
  readonly redirects: RedirectPayments;
  private readonly apiKeyDigest: Buffer | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held = new Set<ServerResponse>();
  private closed = false;

  constructor(options: MockAcquirerStateOptions = {}) {
    this.seed = (options.seed ?? randomInt(0, 2 ** 32)) >>> 0;
    const now = options.now ?? (() => new Date());
    this.ledger = new Ledger(now);
    this.faults = new FaultController(this.seed);
    this.threeDs = new ThreeDsDirectory(this.seed);
    this.redirects = new RedirectPayments();
    this.context = { ledger: this.ledger, seed: this.seed, now, redirects: this.redirects };
    this.apiKeyDigest = options.apiKey === undefined ? undefined : digest(options.apiKey);
  }

  /** True when no key is required or `authorization` carries it (compared in constant time). */
  authorized(authorization: string | undefined): boolean {
    if (this.apiKeyDigest === undefined) return true;
    if (authorization === undefined || !authorization.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(authorization.slice('Bearer '.length)), this.apiKeyDigest);
  }

  view(): LedgerView {
    return {
      entries: this.ledger.listEntries(),
      authorizations: this.ledger.listAuthorizations(),
      faults: this.faults.counts(),
    };
  }

  reset(): void {
    this.ledger.clear();
    this.faults.reset();
    this.threeDs.clear();
    this.redirects.clear();
  }

  /** Runs `fn` after `ms` unless the state is shut down first. */
  delay(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Never answers `res`; its connection ends when the client gives up or at shutdown. */
  hold(res: ServerResponse): void {
    this.held.add(res);
    res.once('close', () => this.held.delete(res));
  }

  /** Cancels pending delays and closes held connections, so nothing keeps the process alive. */
  shutdown(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }
}

export function createMockAcquirerState(options?: MockAcquirerStateOptions): MockAcquirerState {
  return new MockAcquirerState(options);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
