import { describe, expect, it } from 'vitest';
import { hitSubtitle } from './search-hit-labels.js';

describe('hitSubtitle', () => {
  it('names account types, deal stages and lead statuses as the app does', () => {
    expect(hitSubtitle({ type: 'account', subtitle: 'dealer · Rockford' })).toBe('Dealer · Rockford');
    expect(hitSubtitle({ type: 'opportunity', subtitle: 'negotiation · $215,000' })).toBe('Negotiation · $215,000');
    expect(hitSubtitle({ type: 'opportunity', subtitle: 'closed won · $9,000' })).toBe('Closed won · $9,000');
    expect(hitSubtitle({ type: 'lead', subtitle: 'Acme Mowers · converted' })).toBe('Acme Mowers · Converted');
  });

  it('leaves names, places and e-mails alone, even when they read like a stored value', () => {
    expect(hitSubtitle({ type: 'contact', subtitle: 'partner · ana@example.com' })).toBe('partner · ana@example.com');
    expect(hitSubtitle({ type: 'account', subtitle: 'Rockford' })).toBe('Rockford');
    expect(hitSubtitle({ type: 'lead', subtitle: null })).toBeNull();
  });
});
