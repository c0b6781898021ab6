/**
 * An amount as people read it in sentences and notifications: "$106,000", "€1,250.50" (cents only when
 * there are some). One formatter, so an answer, an error and a notification write money the same way.
 */
export function formatMoney(amount: number, currency: string): string {
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}
