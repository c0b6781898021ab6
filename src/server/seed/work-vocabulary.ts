/**
 * What a sales team writes down about its work: subjects, outcomes, task titles, e-mail subjects and
 * note bodies of a manufacturer selling equipment through distributors and dealers. Shared by the
 * scale generator and the demo data set.
 */

export const activitySubjects = {
  call: [
    'Follow-up call on the quote',
    'Check stock levels for next season',
    'Call about the delayed delivery',
    'Discuss spare-parts pricing',
    'Introductory call',
    'Renewal discussion',
  ],
  email: ['Sent the updated price list', 'Sent product brochures', 'Quote sent', 'Answered warranty question'],
  meeting: [
    'Quarterly business review',
    'Product training for the sales floor',
    'Co-op marketing plan',
    'Annual volume agreement',
    'Demo of the new series',
  ],
  visit: [
    'Site visit: showroom and stock check',
    'Visit to review display and signage',
    'Field demo at the customer site',
    'Service workshop visit',
    'Dealer visit: open orders and forecast',
  ],
  task: ['Prepare the dealer scorecard', 'Collect signed agreement'],
  note: ['Call notes', 'Trade show conversation'],
} as const;

export const activityOutcomes = [
  'Agreed on next steps',
  'Customer asked for a revised quote',
  'Order expected next month',
  'Stock levels fine, no order now',
  'Needs approval from the owner',
  'Interested in the new series',
  'Complaint about lead times',
  'Volume commitment confirmed',
];

export const nextStepsOptions = [
  'Send revised quote by Friday',
  'Schedule a demo with the service team',
  'Follow up after their budget meeting',
  'Ship sample parts',
  'Book the next quarterly review',
  'Loop in the regional manager',
];

export const taskTitles = [
  'Send revised quote',
  'Follow up on open order',
  'Prepare quarterly review deck',
  'Renew the dealer agreement',
  'Check payment status',
  'Book demo equipment',
  'Update forecast for the account',
  'Call back about warranty claim',
  'Send co-op marketing material',
  'Collect stock report',
];

export const communicationSubjects = [
  'Price list for next season',
  'Re: quote for the spring order',
  'Delivery schedule',
  'Warranty claim',
  'Invoice question',
  'New product series',
  'Re: training dates',
  'Order confirmation',
];

export const noteBodies = [
  'Owner is considering a second location next year; **keep in touch** about fleet needs.',
  'Prefers e-mail over calls. Decision meetings are on the first Monday of the month.',
  'Competitor offered 5 % off list; we should hold price and offer extended warranty instead.',
  'Showroom display is outdated:\n\n- new banners\n- brochure stand\n- demo unit',
  'Pays on time. Credit limit could be raised if volume grows.',
  'Service manager is the real influencer for parts orders.',
];
