// The API reference as one self-contained HTML page rendered from the OpenAPI document: no scripts, no external assets.
import { createHash } from 'node:crypto';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h2{margin-top:2.5rem;border-bottom:1px solid #ddd}section{margin:1.5rem 0}
.method{display:inline-block;min-width:4.5rem;font:700 .85rem ui-monospace,monospace;text-transform:uppercase}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f6f6f6;padding:.75rem;overflow:auto;max-height:24rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
details summary{cursor:pointer}`;

/** The page's Content-Security-Policy: nothing may load, only this page's own stylesheet applies. */
export const DOCS_CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? escapeHtml(value) : '';
}

function renderParameters(parameters: unknown): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return '';
  const rows = parameters.filter(isRecord).map((parameter) => {
    const schema = isRecord(parameter.schema) ? parameter.schema : {};
    return `<tr><td><code>${text(parameter.name)}</code></td><td>${text(parameter.in)}</td><td>${parameter.required === true ? 'yes' : 'no'}</td><td><code>${escapeHtml(JSON.stringify(schema))}</code></td></tr>`;
  });
  return `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${rows.join('')}</table>`;
}

function renderResponses(responses: unknown): string {
  if (!isRecord(responses)) return '';
  const items = Object.entries(responses).map(([status, response]) => {
    const content = isRecord(response) && isRecord(response.content) ? response.content : {};
    const bodies = Object.entries(content).map(
      ([type, media]) =>
        `<p><code>${escapeHtml(type)}</code></p><pre>${escapeHtml(JSON.stringify(isRecord(media) ? media.schema : null, null, 2))}</pre>`,
    );
    return `<details><summary><code>${escapeHtml(status)}</code> ${isRecord(response) ? text(response.description) : ''}</summary>${bodies.join('')}</details>`;
  });
  return `<h4>Responses</h4>${items.join('')}`;
}

/** Renders every operation of an OpenAPI document: method, path, summary, parameters, bodies and responses. */
export function renderDocsPage(document: unknown): string {
  const doc = isRecord(document) ? document : {};
  const info = isRecord(doc.info) ? doc.info : {};
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const sections: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isRecord(operation)) continue;
      const body = isRecord(operation.requestBody) ? operation.requestBody : null;
      sections.push(`<section id="${escapeHtml(`${method}-${path}`)}">
<h3><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></h3>
<p>${text(operation.summary)}</p>
${renderParameters(operation.parameters)}
${body ? `<h4>Request body</h4><pre>${escapeHtml(JSON.stringify(body.content, null, 2))}</pre>` : ''}
${renderResponses(operation.responses)}
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${text(info.title)} API reference</title><style>${STYLE}</style></head>
<body><h1>${text(info.title)} API</h1><p>${text(info.description)}</p>
<p>OpenAPI ${text(doc.openapi)}: <a href="/openapi.json">/openapi.json</a>. Errors are <code>application/problem+json</code> with a stable <code>code</code>.</p>
<h2>Operations</h2>
${sections.join('\n')}
</body></html>
`;
}
