// Guarantees of the html template: crawled text is escaped in content and attributes; only html fragments pass through.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from './html.js';

describe('html', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolated text in content and in quoted attributes', () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</p>',
    );
  });

  it('passes nested fragments through and escapes arrays item by item', () => {
    const items = ['<b>', 'ok'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    expect(html`${null}${undefined}${false}${3}`.value).toBe('3');
  });

  it('returns SafeHtml whose text is the markup', () => {
    expect(html`<b>${'&'}</b>`).toBeInstanceOf(SafeHtml);
    expect(String(html`<b>${'&'}</b>`)).toBe('<b>&amp;</b>');
  });
});
