/**
 * Markdown as the words it formats, for places that show text, not markup: a note on the timeline, a
 * note quoted in an answer sentence. Emphasis, code, heading, quote and list marks are dropped, links and
 * images become their text, and HTML tags are removed (their text stays), so nothing in the result can
 * become markup wherever it is shown. A link cut off by a length limit still reads as its text.
 */
export function markdownAsText(markdown: string): string {
  return (
    markdown
      // Fenced code: the fences go, the code stays.
      .replace(/^\s{0,3}(?:```|~~~)[^\n]*$/gm, '')
      .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)?/g, '$1')
      // Reference links ([text][ref]) and autolinks (<https://…>).
      .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
      .replace(/<((?:https?|mailto|tel):[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
      .replace(/(?<!\w)__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1')
      .replace(/\*(?=\S)([^*\n]*?\S)\*/g, '$1')
      // An underscore inside a word (snake_case) is not emphasis.
      .replace(/(?<!\w)_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/~~(.*?)~~/g, '$1')
      // Block marks at the start of a line: headings, quotes, list items (and task boxes), rules.
      .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)/gm, '')
      .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, '')
      // A backslash escapes a mark: the mark is the text.
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
  );
}
