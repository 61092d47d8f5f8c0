import { InvalidRequestError } from './errors.js';
import type { FaultTarget } from './fault-input.js';
import { FaultController } from './faults.js';

function run(controller: FaultController, count: number, target: FaultTarget = 'authorizations') {
  return Array.from({ length: count }, () => controller.decide(target, undefined)?.kind ?? 'none');
}

describe('fault controller', () => {
  it('injects nothing until told to', () => {
    expect(run(new FaultController(1), 50)).toEqual(Array(50).fill('none'));
  });

  it('draws the same faults from the same seed and request order', () => {
    const rates = { error_rate: 0.2, drop_rate: 0.1, timeout_rate: 0.1, error_after_process_rate: 0.1 };
    const first = new FaultController(99);
    first.set(rates);
    const second = new FaultController(99);
    second.set(rates);
    const drawn = run(first, 200);
    expect(run(second, 200)).toEqual(drawn);
    expect(new Set(drawn)).toEqual(new Set(['none', 'error', 'drop', 'timeout', 'error_after_process']));
  });

  it('restarts the draws from a seed given with the rates, and from the start seed on reset', () => {
    const controller = new FaultController(5);
    controller.set({ error_rate: 0.5, seed: 123 });
    const drawn = run(controller, 50);
    controller.set({ error_rate: 0.5, seed: 123 });
    expect(run(controller, 50)).toEqual(drawn);

    controller.reset();
    controller.set({ error_rate: 0.5 });
    const fromStart = run(controller, 50);
    const fresh = new FaultController(5);
    fresh.set({ error_rate: 0.5 });
    expect(run(fresh, 50)).toEqual(fromStart);
  });

  it('draws roughly the configured share of faults', () => {
    const controller = new FaultController(7);
    controller.set({ error_rate: 0.3 });
    const errors = run(controller, 2000).filter((kind) => kind === 'error').length;
    expect(errors).toBeGreaterThan(500);
    expect(errors).toBeLessThan(700);
  });

  it('adds the global latency to every request', () => {
    const controller = new FaultController(7);
    controller.set({ latency_ms: 20 });
    expect(controller.decide('captures', undefined)).toEqual({ latencyMs: 20, kind: null });
    expect(controller.counts().latency).toBe(1);
  });

  it('serves queued faults to the next matching requests only, count times', () => {
    const controller = new FaultController(1);
    controller.next({ kind: 'drop', count: 2, match: 'captures' });
    expect(run(controller, 2, 'authorizations')).toEqual(['none', 'none']);
    expect(run(controller, 3, 'captures')).toEqual(['drop', 'drop', 'none']);
    expect(controller.counts()).toMatchObject({ drop: 2 });
  });

  it('lets the x-mock-fault header win over the queue and the rates', () => {
    const controller = new FaultController(1);
    controller.next({ kind: 'error' });
    expect(controller.decide('refunds', 'timeout')?.kind).toBe('timeout');
    expect(controller.decide('refunds', 'latency=15')).toEqual({ latencyMs: 15, kind: null });
    expect(controller.decide('refunds', undefined)?.kind).toBe('error');
  });

  it('clears rates and queue but keeps the counts until reset', () => {
    const controller = new FaultController(1);
    controller.set({ error_rate: 1 });
    controller.next({ kind: 'drop' });
    run(controller, 1);
    controller.clear();
    expect(run(controller, 3)).toEqual(['none', 'none', 'none']);
    expect(controller.counts().drop).toBe(1);
    controller.reset();
    expect(controller.counts().drop).toBe(0);
  });

  it.each([
    [{ error_rate: 1.5 }],
    [{ error_rate: 0.6, drop_rate: 0.6 }],
    [{ latency_ms: -1 }],
    [{ seed: 1.5 }],
  ])('refuses the rates %j', (rates) => {
    expect(() => new FaultController(1).set(rates)).toThrow(InvalidRequestError);
  });

  it('refuses a latency fault without its duration and an unknown header', () => {
    expect(() => new FaultController(1).next({ kind: 'latency' })).toThrow(InvalidRequestError);
    expect(() => new FaultController(1).decide('operations', 'explode')).toThrow(InvalidRequestError);
  });
});
