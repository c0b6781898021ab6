import { describe, expect, it } from 'vitest';
import { deliveryState, nextDeliveryCheck } from './delivery.js';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

describe('deliveryState', () => {
  it('tells a scheduled e-mail from one going out now', () => {
    expect(deliveryState({ status: 'queued', occurredAt: at(60_000) }, now)).toEqual({
      kind: 'scheduled',
      at: at(60_000),
    });
    expect(deliveryState({ status: 'queued', occurredAt: at(-1_000) }, now)).toEqual({ kind: 'queued' });
    expect(deliveryState({ status: 'failed', occurredAt: at(0) }, now)).toEqual({ kind: 'failed' });
    expect(deliveryState({ status: null, occurredAt: at(0) }, now)).toBeNull();
  });
});

describe('nextDeliveryCheck', () => {
  it('does not poll a timeline with nothing queued', () => {
    expect(nextDeliveryCheck([{ status: 'sent', occurredAt: at(0) }], now)).toBe(false);
    expect(nextDeliveryCheck([], now)).toBe(false);
  });

  it('asks again soon for a due e-mail, less often once it is being retried', () => {
    expect(nextDeliveryCheck([{ status: 'queued', occurredAt: at(-500) }], now)).toBe(3_000);
    expect(nextDeliveryCheck([{ status: 'queued', occurredAt: at(-10 * 60_000) }], now)).toBe(15_000);
  });

  it('wakes just after a scheduled e-mail falls due, within five minutes at most', () => {
    expect(nextDeliveryCheck([{ status: 'queued', occurredAt: at(20_000) }], now)).toBe(21_500);
    expect(nextDeliveryCheck([{ status: 'queued', occurredAt: at(3_600_000) }], now)).toBe(300_000);
    expect(
      nextDeliveryCheck(
        [
          { status: 'queued', occurredAt: at(3_600_000) },
          { status: 'queued', occurredAt: at(-100) },
        ],
        now,
      ),
    ).toBe(3_000);
  });
});
