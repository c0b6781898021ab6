/*
 * Questions change nothing and contact no one. A request to do something ("delete all deals", "send an
 * email to Alamo", "update the close date on Fox Valley", "email Hassan Abbott", "call Bayou City",
 * "follow up with Trinity next week", "visit Alamo tomorrow") is refused for what it is, rather than
 * answered with a list that reads like it was done ("50 opportunities match") or a search for the name.
 */

/** Politeness and ways of asking someone else to act, before the verb. */
const REQUEST_OPENING =
  "(?:(?:hey|hi|ok|okay|so|now|then|also|and)[,\\s]+)*(?:please\\s+|pls\\s+|plz\\s+|(?:can|could|would|will)\\s+you\\s+(?:please\\s+)?|i\\s+(?:want|need|have)\\s+(?:you\\s+)?to\\s+|go\\s+(?:ahead\\s+)?(?:and\\s+)?|let'?s\\s+|let\\s+us\\s+|(?:remember|don't\\s+forget)\\s+to\\s+)?";

/** Verbs that change records: refused whatever follows (bar a few reading words, below). */
const CHANGE_VERBS =
  '(delete|remove|erase|purge|drop|truncate|wipe|archive|update|change|edit|modify|rename|set(?!\\s+of\\b)|send|create|add(?!\\s+up\\b)|assign|reassign|transfer|move|mark|cancel|reschedule|book|log|convert|disqualify|merge|import|export|close\\s+(?:the|this|that|my|our|all|every)\\b|schedule(?!\\s+(?:for|of|on)\\b))';

/**
 * Nouns a contact verb qualifies when it is no verb at all: "call notes", "email activity last week",
 * "visit history of Alamo", "call volume by rep", "follow up tasks".
 */
const COMPOUND =
  '(?:activit(?:y|ies)|history|histor(?:ies)|logs?|counts?|volumes?|stats?|statistics|duration|durations|length|notes?|summar(?:y|ies)|reports?|outcomes?|results?|lists?|details?|info|information|address(?:es)?|templates?|campaigns?|types?|tasks?|rates?|times?|minutes|frequency|records?|trends?|breakdown|totals?|numbers?|data|opens?|replies|responses?|metrics|due|per|by|from|in|this|last|next|today|yesterday|tomorrow|to(?!\\s+(?:the\\s+)?(?:contacts?|everyone|all)\\b)|vs|versus|count)';

/** Verbs that contact someone: refused when an object follows ("call Hassan Abbott", "email everyone at …"). */
const CONTACT_VERBS = `(e-?mail|mail|call|phone|ring|text|message|ping|remind|invite|notify|visit|meet(?:\\s+with)?|follow[- ]?up\\s+(?:with|on)|reach\\s+out\\s+to|check\\s+in\\s+with)(?!\\s+${COMPOUND}\\b)(?=\\s+\\S)`;

const ACTION_REQUEST = new RegExp(`^${REQUEST_OPENING}(?:${CHANGE_VERBS}|${CONTACT_VERBS})\\b`);

/** "how do I delete a deal": asking how to change something is asking for the change's page, not data. */
const HOW_TO =
  /^how\s+(?:do|can|should|would)\s+(?:i|we|you)\s+(delete|remove|create|add|update|change|edit|send|import|export|merge|convert|assign|close|archive)\b/;

export type ActionRequest = { verb: string; of: 'anything' | 'anyone' };

/** The verb of a request to change something or contact someone, if the question is one. */
export function actionRequested(question: string): ActionRequest | undefined {
  const text = question
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ');
  const match = ACTION_REQUEST.exec(text);
  if (match?.[2]) return { verb: contactVerb(match[2]), of: 'anyone' };
  const change = match?.[1] ?? HOW_TO.exec(text)?.[1];
  return change ? { verb: change.split(/\s+/)[0] ?? change, of: 'anything' } : undefined;
}

/** "e-mail" is "email", "follow up with" is "follow up with": the verb as the refusal says it. */
const contactVerb = (verb: string) => verb.replace(/^e-mail$/, 'email').replace(/^follow[- ]?up/, 'follow up');
