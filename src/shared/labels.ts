/** A stored value as people read it: `closed_won` → `Closed won`, `dealer` → `Dealer`. */
export function valueLabel(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
