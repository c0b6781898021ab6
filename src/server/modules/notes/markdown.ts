import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { isTextLikeTag } from './markdown-source.js';

/**
 * Notes are Markdown written by users and shown in other users' browsers, so the HTML is rendered by
 * marked (which passes raw HTML through untouched) and then cut down by sanitize-html to an allow-list:
 * only formatting tags, no script, style, iframe, form or event-handler attribute, and only http(s),
 * mailto and tel URLs. Anything not allowed is dropped; script and style lose their content as well.
 */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // A stored body keeps text that reads like a tag ("Press <Enter>", see markdown-source.ts): shown as
    // written, rather than passed on as an element that sanitize-html would drop. Other raw HTML goes on
    // to sanitize-html.
    html: ({ text }) => (isTextLikeTag(text) ? escapeHtml(text) : false),
  },
});

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    'del',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
  },
  // Only the language classes marked writes on fenced code, for highlighting.
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images load without a click, so they get no mailto/tel and no data: URLs.
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // A linked page must not reach back into the CRM tab (window.opener) or learn where it came from.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    img: linkRemoteImage,
  },
};

/**
 * An image from another site becomes a link to it. Images load without a click, so a remote one would
 * tell its server who read the note, and when: a tracking pixel in a colleague's note. The reader opens
 * the image if they want it.
 */
function linkRemoteImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src = (attribs.src ?? '').trim();
  if (!/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) return { tagName, attribs };
  return {
    tagName: 'a',
    attribs: { href: src, rel: 'noopener noreferrer' },
    text: attribs.alt || attribs.title || 'image',
  };
}

/** The Markdown of a note as HTML that is safe to put into a page. */
export function renderNoteMarkdown(body: string): string {
  const html = markdown.parse(body, { async: false });
  return sanitizeHtml(html, sanitizeOptions).trim();
}
