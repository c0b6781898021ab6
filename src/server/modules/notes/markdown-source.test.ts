import { describe, expect, it } from 'vitest';
import { renderNoteMarkdown } from './markdown.js';
import { sanitiseNoteMarkdown } from './markdown-source.js';

describe('sanitiseNoteMarkdown', () => {
  it('keeps Markdown as written', () => {
    const markdown = [
      '## Visit',
      '',
      'Met **Ada**; price < $5 and > $3, see <https://example.com> or write <ada@example.com>.',
      '> quoted',
      '- [docs](https://example.com "Docs")',
      '',
      '[ref]: https://example.com/ref',
    ].join('\n');
    expect(sanitiseNoteMarkdown(markdown)).toBe(markdown);
  });

  it('removes raw HTML, with the content of scripts, styles and frames, and keeps the text between tags', () => {
    expect(sanitiseNoteMarkdown('before <script>alert(1)</script> after')).toBe('before  after');
    expect(sanitiseNoteMarkdown('<img src=x onerror=alert(1)> hi')).toBe(' hi');
    expect(sanitiseNoteMarkdown('<b onclick="alert(1)">bold</b> <!-- hidden -->text')).toBe('bold text');
    expect(sanitiseNoteMarkdown('<SVG ONLOAD=alert(1)><circle/></svg>ok')).toBe('ok');
    expect(sanitiseNoteMarkdown('<style>*{display:none}</style><iframe src="https://evil.example"></iframe>x')).toBe(
      'x',
    );
    // Taking one tag out must not join the pieces around it into another.
    expect(sanitiseNoteMarkdown('<scr<script></script>ipt>alert(1)</script>')).not.toMatch(/<script/i);
    expect(sanitiseNoteMarkdown('<scr<b></b>ipt>alert(1)</scr<i></i>ipt>')).not.toMatch(/<\/?script/i);
  });

  it('keeps a word in angle brackets that is no HTML element, and shows it as written', () => {
    expect(sanitiseNoteMarkdown('Press <Enter> to continue, hold <Ctrl></Ctrl>')).toBe(
      'Press <Enter> to continue, hold <Ctrl></Ctrl>',
    );
    expect(renderNoteMarkdown('Press <Enter> to continue')).toBe('<p>Press &lt;Enter&gt; to continue</p>');
    // With anything after the name it is markup, whatever the name: a handler runs on any element.
    expect(sanitiseNoteMarkdown('<Enter onclick="alert(1)">x')).toBe('x');
    expect(sanitiseNoteMarkdown('<b>bold</b> <Script>')).toBe('bold ');
  });

  it('drops script and data URLs from links, images, autolinks and definitions, however spelled', () => {
    expect(sanitiseNoteMarkdown('[x](javascript:alert(1))')).toBe('[x]()');
    expect(sanitiseNoteMarkdown('![i](data:image/svg+xml;base64,PHN2Zz4=)')).toBe('![i]()');
    for (const url of [
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'java%73cript:alert(1)',
      'javascript&colon;x',
    ]) {
      expect(sanitiseNoteMarkdown(`[x](${url})`), url).toBe('[x]()');
    }
    expect(sanitiseNoteMarkdown('see <javascript:alert(1)>')).toBe('see ');
    expect(sanitiseNoteMarkdown('[x][r]\n\n[r]: javascript:alert(1)')).toBe('[x][r]\n\n');
    expect(sanitiseNoteMarkdown('[safe](https://example.com/a_(b))')).toBe('[safe](https://example.com/a_(b))');
  });

  it('leaves code as written', () => {
    const fenced = '```html\n<script>alert(1)</script>\n```\n\nafter <b>x</b>';
    expect(sanitiseNoteMarkdown(fenced)).toBe('```html\n<script>alert(1)</script>\n```\n\nafter x');
    expect(sanitiseNoteMarkdown('use `<br>` for a break, not <br>')).toBe('use `<br>` for a break, not ');
  });

  it('renders to the same safe HTML as before it was sanitised', () => {
    for (const body of ['**a** <script>x</script> b', '[x](javascript:alert(1))', 'plain text']) {
      const html = renderNoteMarkdown(sanitiseNoteMarkdown(body));
      expect(html).not.toMatch(/<script|javascript:/i);
    }
  });
});
