import dayjs, { type Dayjs } from 'dayjs';

/** One bar of the activity chart: the activities standing from `start` to `end` (both inclusive). */
export type ActivityBucket = { start: Dayjs; end: Dayjs; label: string };

/**
 * The overview's activity chart over the period chosen (the `period` of the URL, in days), up to the end
 * of today: week by week up to 90 days (the first week cut at the period's first day, so the bars add up
 * to exactly the period), month by month beyond (the last 12 months: this one so far and the 11 before,
 * as a month-by-month chart reads). `from` and `to` bound the whole chart, for its legend's links.
 */
export function activityBuckets(periodDays: number, now: Dayjs = dayjs()) {
  const to = now.endOf('day');
  if (periodDays > 90) {
    const months = Math.round(periodDays / 30.4);
    const buckets = Array.from({ length: months }, (_, index): ActivityBucket => {
      const start = now.startOf('month').subtract(months - 1 - index, 'month');
      const end = index === months - 1 ? to : start.endOf('month');
      return { start, end, label: start.format(start.month() === 0 || index === 0 ? 'MMM YYYY' : 'MMM') };
    });
    return { unit: 'month' as const, from: buckets[0]?.start ?? to, to, buckets };
  }
  const from = now.startOf('day').subtract(periodDays - 1, 'day');
  const weeks = Math.ceil(periodDays / 7);
  const buckets = Array.from({ length: weeks }, (_, index): ActivityBucket => {
    const end = to.subtract(weeks - 1 - index, 'week');
    const weekStart = end.subtract(6, 'day').startOf('day');
    const start = weekStart.isBefore(from) ? from : weekStart;
    return { start, end, label: start.format('D MMM') };
  });
  return { unit: 'week' as const, from, to, buckets };
}
