import { describe, expect, it } from 'vitest';
import { markdownAsText } from './markdown-text.js';

describe('markdownAsText', () => {
  it('keeps the words and drops the marks', () => {
    expect(markdownAsText('## Next steps\n**Call** [Summit](https://example.com) about _pricing_ and `fleet`')).toBe(
      'Next steps\nCall Summit about pricing and fleet',
    );
    expect(markdownAsText('> quoted\n- one\n* two\n1. three\n- [x] done\n---\n~~old~~ new')).toBe(
      'quoted\none\ntwo\nthree\ndone\n\nold new',
    );
    expect(markdownAsText('![logo](https://example.com/a.png) see [the deck][1] or <https://example.com>')).toBe(
      'logo see the deck or https://example.com',
    );
    expect(markdownAsText('```js\nconst a = 1;\n```')).toBe('\nconst a = 1;\n');
  });

  it('leaves no markup: HTML tags go, their text stays', () => {
    const text = markdownAsText('<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(text).toBe('bold alert(1) ');
    expect(text).not.toMatch(/[<>]/);
  });

  it('reads a link cut off by a length limit as its text, and keeps words with underscores and escapes', () => {
    expect(markdownAsText('Call [Summit Landscaping](https://exam')).toBe('Call Summit Landscaping');
    expect(markdownAsText('use snake_case_names and 2 \\* 3')).toBe('use snake_case_names and 2 * 3');
  });
});
