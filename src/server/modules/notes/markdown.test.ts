import { describe, expect, it } from 'vitest';
import { renderNoteMarkdown } from './markdown.js';

/** What must never reach a page: script, event handlers, script URLs, frames and styles. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<\/script/i);
  expect(html).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  expect(html).not.toMatch(/<iframe|<style|<svg|<object|<embed|<form|<input|<textarea|<link|<meta|<base/i);
}

describe('renderNoteMarkdown', () => {
  it('renders the Markdown a note is written in', () => {
    expect(renderNoteMarkdown('# Visit\n\nMet **Ada**, _agreed_ `pilot`.\n\n- one\n- two')).toBe(
      '<h1>Visit</h1>\n<p>Met <strong>Ada</strong>, <em>agreed</em> <code>pilot</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
    expect(renderNoteMarkdown('line one\nline two')).toBe('<p>line one<br />line two</p>');
    expect(renderNoteMarkdown('| a | b |\n| - | -: |\n| 1 | 2 |')).toContain('<td align="right">2</td>');
    expect(renderNoteMarkdown('```ts\nconst x = 1;\n```')).toBe(
      '<pre><code class="language-ts">const x = 1;\n</code></pre>',
    );
  });

  it('keeps safe links and marks them noopener noreferrer', () => {
    expect(renderNoteMarkdown('[site](https://example.com "Example")')).toBe(
      '<p><a href="https://example.com" title="Example" rel="noopener noreferrer">site</a></p>',
    );
    expect(renderNoteMarkdown('<a href="mailto:ada@example.com" rel="opener">mail</a>')).toBe(
      '<p><a href="mailto:ada@example.com" rel="noopener noreferrer">mail</a></p>',
    );
    expect(renderNoteMarkdown('https://example.com/x')).toContain('href="https://example.com/x"');
  });

  it('drops scripts with their content', () => {
    const html = renderNoteMarkdown('before <script>alert(1)</script> after');
    expect(html).toBe('<p>before  after</p>');
    expectInert(renderNoteMarkdown('<script>alert(1)</script>'));
    expectInert(renderNoteMarkdown('<SCRIPT SRC=https://evil.example/x.js></SCRIPT>'));
  });

  it('strips event handlers', () => {
    expect(renderNoteMarkdown('<img src=x onerror=alert(1)>')).toBe('<img src="x" />');
    for (const body of [
      '<svg onload=alert(1)>',
      '<p onclick="alert(1)">hi</p>',
      '<a href="https://example.com" onmouseover="alert(1)">x</a>',
      '<body onload=alert(1)>',
      '<details open ontoggle=alert(1)>',
    ]) {
      expectInert(renderNoteMarkdown(body));
    }
  });

  it('removes script URLs however they are spelled', () => {
    expect(renderNoteMarkdown('[x](javascript:alert(1))')).toBe('<p><a rel="noopener noreferrer">x</a></p>');
    for (const body of [
      '[x](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x]( javascript:alert(1))',
      '<a href="javascript&colon;alert(1)">x</a>',
      '<a href="  javascript:alert(1)">x</a>',
      '<a href="java\nscript:alert(1)">x</a>',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html,<script>alert(1)</script>)',
      '![img](javascript:alert(1))',
      '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
      '<javascript:alert(1)>',
      '[ref][1]\n\n[1]: javascript:alert(1)',
    ]) {
      expectInert(renderNoteMarkdown(body));
    }
  });

  it('keeps lines swallowed by a raw HTML block inert', () => {
    const html = renderNoteMarkdown(
      '<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n<b onclick=alert(1)>b</b>',
    );
    expectInert(html);
    expect(html).toContain('<img src="x" />');
  });

  it('links images from other sites rather than loading them, so a note cannot track who reads it', () => {
    expect(renderNoteMarkdown('![Q3 chart](https://example.com/chart.png)')).toBe(
      '<p><a href="https://example.com/chart.png" rel="noopener noreferrer">Q3 chart</a></p>',
    );
    expect(renderNoteMarkdown('<img src="https://evil.example/t.gif">')).toBe(
      '<a href="https://evil.example/t.gif" rel="noopener noreferrer">image</a>',
    );
    expect(renderNoteMarkdown('<img src="//evil.example/t.gif" alt="x">')).not.toContain('<img');
  });

  it('removes frames, styles, forms and protocol-relative links', () => {
    expect(renderNoteMarkdown('<iframe src="https://evil.example"></iframe>')).toBe('');
    expect(renderNoteMarkdown('<style>body{display:none}</style>text')).toBe('text');
    expectInert(renderNoteMarkdown('<form action="https://evil.example"><input name=x></form>'));
    expectInert(renderNoteMarkdown('<object data="x.swf"></object><embed src="x.swf">'));
    expect(renderNoteMarkdown('<a href="//evil.example">x</a>')).toBe('<p><a rel="noopener noreferrer">x</a></p>');
    expect(renderNoteMarkdown('<p style="position:fixed">x</p>')).toBe('<p>x</p>');
  });
});
