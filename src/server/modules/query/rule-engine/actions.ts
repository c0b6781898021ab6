/*
 * Questions change nothing. A request to do something ("delete all deals", "send an email to Alamo",
 * "update the close date on Fox Valley") is refused for what it is, rather than answered with a list that
 * reads like it was done ("50 opportunities match").
 */

const ACTION_REQUEST = new RegExp(
  [
    '^(?:please\\s+|pls\\s+|plz\\s+|(?:can|could|would|will)\\s+you\\s+(?:please\\s+)?|i\\s+(?:want|need)\\s+(?:you\\s+)?to\\s+|go\\s+(?:and\\s+)?)?',
    '(delete|remove|erase|purge|drop|truncate|wipe|archive|update|change|edit|modify|rename|set(?!\\s+of\\b)|send|e-?mail\\s+(?:to\\s+)?(?!about\\b)\\w+\\s+(?:a|an|the)\\b|create|add(?!\\s+up\\b)|assign|reassign|transfer|move|mark|cancel|reschedule|book|log|convert|disqualify|merge|import|export|close\\s+(?:the|this|that|my|our|all|every)\\b|schedule\\s+(?:a|an|the|my)\\b)',
    '\\b',
  ].join(''),
);

/** "how do I delete a deal": asking how to change something is asking for the change's page, not data. */
const HOW_TO =
  /^how\s+(?:do|can|should|would)\s+(?:i|we|you)\s+(delete|remove|create|add|update|change|edit|send|import|export|merge|convert|assign|close|archive)\b/;

/** The verb of a request to change something, if the question is one. */
export function actionRequested(question: string): string | undefined {
  const text = question.trim().toLowerCase();
  const match = ACTION_REQUEST.exec(text) ?? HOW_TO.exec(text);
  return match?.[1]?.split(/\s+/)[0];
}
