import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { activityBuckets } from './activity-buckets.js';

const now = dayjs('2026-12-06T19:30:00');
const day = (value: dayjs.Dayjs) => value.format('YYYY-MM-DD');

describe('activityBuckets', () => {
  it('covers the last 30 days week by week, the first week cut at the period start', () => {
    const chart = activityBuckets(30, now);
    expect(chart.unit).toBe('week');
    expect(day(chart.from)).toBe('2026-11-07');
    expect(chart.buckets.map((bucket) => [day(bucket.start), day(bucket.end)])).toEqual([
      ['2026-11-07', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-22'],
      ['2026-11-23', '2026-11-29'],
      ['2026-11-30', '2026-12-06'],
    ]);
    expect(chart.buckets.at(-1)?.end.toISOString()).toBe(now.endOf('day').toISOString());
  });

  it('covers 90 days in 13 bars with no gap or overlap', () => {
    const { buckets, from, to } = activityBuckets(90, now);
    expect(buckets).toHaveLength(13);
    expect(buckets[0]?.start.valueOf()).toBe(from.valueOf());
    for (const [index, bucket] of buckets.entries()) {
      const next = buckets[index + 1];
      if (next) expect(next.start.valueOf()).toBe(bucket.end.valueOf() + 1);
    }
    expect(buckets.at(-1)?.end.valueOf()).toBe(to.valueOf());
    expect(to.diff(from, 'day')).toBe(89);
  });

  it('covers 12 months month by month, this one up to today', () => {
    const chart = activityBuckets(365, now);
    expect(chart.unit).toBe('month');
    expect(chart.buckets.map((bucket) => bucket.label)).toEqual([
      'Jan 2026',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ]);
    expect(day(chart.from)).toBe('2026-01-01');
    expect(chart.buckets.at(-1)?.end.valueOf()).toBe(now.endOf('day').valueOf());
  });
});
