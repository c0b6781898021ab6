/**
 * The Markdown of a note as it is stored: what the author wrote, less what could run in a page that shows
 * it. Clients render `body` themselves (timelines, answers, other tools), so it is sanitised at the
 * source rather than only in the `bodyHtml` rendering:
 * - raw HTML goes (comments, declarations, and every tag, with the content of script, style, frames and
 *   the like; the text between other tags stays), because a note is Markdown and needs none;
 * - links, images, autolinks and link definitions with a script or data URL lose that URL.
 * Code (fenced blocks and inline spans) is left as written: there `<script>` is text about HTML.
 */
export function sanitiseNoteMarkdown(markdown: string): string {
  return splitOutFencedCode(markdown)
    .map((part) => (part.code ? part.text : splitOutCodeSpans(part.text).map(sanitiseProse).join('')))
    .join('');
}

type Part = { code: boolean; text: string };

/** Fenced code blocks (``` or ~~~, up to the same fence or the end) apart from the text around them. */
function splitOutFencedCode(markdown: string): Part[] {
  const parts: Part[] = [];
  const lines = markdown.split(/(?<=\n)/);
  let fence: string | null = null;
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1] ?? null;
    const code = fence !== null || marker !== null;
    if (fence === null && marker !== null) fence = marker;
    else if (fence !== null && marker !== null && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    const last = parts.at(-1);
    if (last && last.code === code) last.text += line;
    else parts.push({ code, text: line });
  }
  return parts;
}

/** Inline code spans (a run of backticks up to the same run) apart from the prose around them. */
function splitOutCodeSpans(text: string): Part[] {
  const parts: Part[] = [];
  let rest = 0;
  // A span ends at its paragraph (no blank line inside), and an escaped backtick opens none.
  for (const span of text.matchAll(/(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)/g)) {
    parts.push({ code: false, text: text.slice(rest, span.index) }, { code: true, text: span[0] });
    rest = span.index + span[0].length;
  }
  parts.push({ code: false, text: text.slice(rest) });
  return parts;
}

/** Elements whose content is code or an embedded document, not text: they go whole. */
const ELEMENTS_WITH_CONTENT =
  'script|style|iframe|frame|frameset|object|embed|applet|noscript|noembed|noframes|template|textarea|title|xmp|svg|math|select';

const RAW_HTML: RegExp[] = [
  /<!--[\s\S]*?(?:-->|$)/g,
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g,
  /<![a-z][^>]*>?/gi,
  /<\?[\s\S]*?(?:\?>|$)/g,
  new RegExp(`<(${ELEMENTS_WITH_CONTENT})(?=[\\s/>])[\\s\\S]*?(?:<\\/\\1\\s*>|$)`, 'gi'),
];

/**
 * Any other opening, closing or self-closing tag; the text between tags stays. A "<" not followed by a
 * tag name ("a < b", "<https://…>", "<ada@example.com>") is not a tag and stays too.
 */
const TAG = /<\/?([a-z][a-z0-9-]*)(?=[\s/>])([^>]*)>/gi;

/**
 * The elements of HTML (current and obsolete ones browsers still draw, and those whose content goes
 * with them). A bare word in angle brackets
 * that names none of them, with nothing after it ("Press <Enter>", "hold <Ctrl>"), is
 * the author's text, not markup: it stays. With attributes it goes whatever its name, as an event handler
 * runs on any element.
 */
const HTML_ELEMENTS = new Set([
  ...ELEMENTS_WITH_CONTENT.split('|'),
  ...(
    'a abbr acronym address area article aside audio b base basefont bdi bdo bgsound big blink blockquote ' +
    'body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog ' +
    'dir div dl dt em fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr ' +
    'html i image img input ins isindex kbd keygen label legend li link listing main map mark marquee menu ' +
    'menuitem meta meter multicol nav nextid nobr output p param picture plaintext portal pre progress q ' +
    'rb rp rt rtc ruby s samp search section slot small source spacer span strike strong sub summary sup ' +
    'table tbody td tfoot th thead time tr track tt u ul var video wbr'
  ).split(' '),
]);

function withoutTags(text: string): string {
  return text.replace(TAG, (tag, name: string, rest: string) => (isWordInAngleBrackets(name, rest) ? tag : ''));
}

function isWordInAngleBrackets(name: string, rest: string): boolean {
  return rest.trim() === '' && !HTML_ELEMENTS.has(name.toLowerCase());
}

/** Raw HTML that is only text in angle brackets ("<Enter>", "</Enter>"): see HTML_ELEMENTS. */
export function isTextLikeTag(html: string): boolean {
  const tag = /^<\/?([a-z][a-z0-9-]*)(\s*)>$/i.exec(html.trim());
  return tag !== null && isWordInAngleBrackets(tag[1] as string, tag[2] as string);
}

function sanitiseProse(part: Part): string {
  if (part.code) return part.text;
  let text = part.text;
  // Until nothing changes: taking one tag out can join the pieces around it into another ("<scr<b>ipt>").
  for (let round = 0; round < 10; round += 1) {
    const before = text;
    for (const pattern of RAW_HTML) text = text.replace(pattern, '');
    text = withoutTags(text);
    text = withoutUnsafeUrls(text);
    if (text === before) break;
  }
  return text;
}

function withoutUnsafeUrls(text: string): string {
  return (
    text
      // Inline links and images: [text](url "title") keeps its text and loses the URL.
      .replace(/(\]\(\s*)(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)/g, (link, opening: string, url: string) =>
        isUnsafeUrl(url) ? opening : link,
      )
      // Autolinks: <javascript:…>.
      .replace(/<([a-z][a-z0-9+.-]*:[^\s<>]*)>/gi, (link, url: string) => (isUnsafeUrl(url) ? '' : link))
      // Link reference definitions: [ref]: javascript:…
      .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+).*$/gm, (definition, url: string) =>
        isUnsafeUrl(url) ? '' : definition,
      )
  );
}

/**
 * A URL a browser would run or that embeds a document: javascript:, vbscript:, data:, however it is
 * spelled (case, entities, percent-encoding, white space and control characters inside the scheme).
 */
function isUnsafeUrl(url: string): boolean {
  const plain = decodeEntities(url.replace(/^<|>$/g, ''))
    .replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u0020\u007f-\u00a0]/g, '')
    .toLowerCase();
  return /^(?:javascript|vbscript|data|livescript):/.test(plain);
}

const NAMED_ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', lpar: '(', rpar: ')' };

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi,
    (entity, hex?: string, decimal?: string, name?: string) => {
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000);
      if (decimal) return String.fromCodePoint(Number.parseInt(decimal, 10) % 0x110000);
      return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? entity;
    },
  );
}
