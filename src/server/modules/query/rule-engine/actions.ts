/*
 * Questions change nothing. A request to do something ("delete all deals", "send an email to Alamo",
 * "update the close date on Fox Valley") is refused for what it is, rather than answered with a list that
 * reads like it was done ("50 opportunities match").
 */

const ACTION_REQUEST = new RegExp(
  [
    '^(?:please\\s+|pls\\s+|plz\\s+|(?:can|could|would|will)\\s+you\\s+(?:please\\s+)?|i\\s+(?:want|need)\\s+(?:you\\s+)?to\\s+|go\\s+(?:and\\s+)?)?',
    '(delete|remove|erase|purge|update|change|edit|modify|rename|set(?!\\s+of\\b)|send|e-?mail\\s+(?:to\\s+)?(?!about\\b)\\w+\\s+(?:a|an|the)\\b|create|add(?!\\s+up\\b)|assign|reassign|transfer|move|mark|cancel|reschedule|book|log|convert|disqualify|merge|import|export|close\\s+(?:the|this|that|my|our)\\b|schedule\\s+(?:a|an|the|my)\\b)',
    '\\b',
  ].join(''),
);

/** The verb of a request to change something, if the question is one. */
export function actionRequested(question: string): string | undefined {
  const match = ACTION_REQUEST.exec(question.trim().toLowerCase());
  return match?.[1]?.split(/\s+/)[0];
}
