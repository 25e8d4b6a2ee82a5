// The API reference page, rendered from the served OpenAPI document in the site's frame: operations by tag, their
// parameters (with enum values and defaults), bodies and responses, and every named schema, linked by name.
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { SiteView } from '../view-models.js';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nodeOf(value: unknown): Node {
  return isNode(value) ? value : {};
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SCHEMA_REF = '#/components/schemas/';

/** An id for an anchor: letters, digits and dashes. */
function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** Description text with its `code spans` set as code (the only markup the descriptions use). */
function prose(text: string): SafeHtml {
  return html`${text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/** A schema's type as a reader wants it: a link for a named schema, the values of an enum, the item of an array. */
export function typeOf(schema: unknown): SafeHtml {
  const node = nodeOf(schema);
  const ref = textOf(node.$ref);
  if (ref.startsWith(SCHEMA_REF)) {
    const name = ref.slice(SCHEMA_REF.length);
    return html`<a href="#${anchor('schema', name)}">${name}</a>`;
  }
  if (Array.isArray(node.enum)) {
    return html`${node.enum.map((value, index) => html`${index > 0 ? ' | ' : ''}<code>${JSON.stringify(value)}</code>`)}`;
  }
  for (const [key, joint] of [
    ['anyOf', ' or '],
    ['oneOf', ' or '],
    ['allOf', ' and '],
  ] as const) {
    const members = node[key];
    if (Array.isArray(members))
      return html`${members.map((member, index) => html`${index > 0 ? joint : ''}${typeOf(member)}`)}`;
  }
  const type = textOf(node.type);
  if (type === 'array') return html`array of ${typeOf(node.items)}`;
  if (type === 'object' || isNode(node.properties)) {
    const names = Object.keys(nodeOf(node.properties));
    if (names.length > 0) return html`object {${names.join(', ')}}`;
    return isNode(node.additionalProperties)
      ? html`map of ${typeOf(node.additionalProperties)}`
      : html`object`;
  }
  if (type === '') return html`any`;
  return html`${type}${typeof node.format === 'string' ? html` <span class="muted">(${node.format})</span>` : ''}`;
}

/** Limits and the default of a schema, as a short note: `1 to 100, default 30`. */
function constraintsOf(schema: unknown): string {
  const node = nodeOf(schema);
  const notes: string[] = [];
  if (typeof node.minimum === 'number' && typeof node.maximum === 'number') {
    notes.push(`${node.minimum} to ${node.maximum}`);
  } else if (typeof node.minimum === 'number') notes.push(`at least ${node.minimum}`);
  else if (typeof node.maximum === 'number') notes.push(`at most ${node.maximum}`);
  if (typeof node.maxLength === 'number') notes.push(`at most ${node.maxLength} characters`);
  if (typeof node.maxItems === 'number') notes.push(`at most ${node.maxItems} items`);
  if ('default' in node) notes.push(`default ${JSON.stringify(node.default)}`);
  return notes.join(', ');
}

function parametersTable(parameters: unknown): SafeHtml | string {
  const rows = (Array.isArray(parameters) ? parameters : []).filter(isNode);
  if (rows.length === 0) return '';
  return html`<h4>Parameters</h4>
<div class="table-wrap"><table class="card-table">
<thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
<tbody>${rows.map((parameter) => {
    const constraints = constraintsOf(parameter.schema);
    return html`<tr><th scope="row"><code>${textOf(parameter.name)}</code>${parameter.required === true ? html` <span class="muted small">required</span>` : ''}</th>
<td data-label="In">${textOf(parameter.in)}</td>
<td data-label="Type">${typeOf(parameter.schema)}${constraints ? html`<br><span class="muted small">${constraints}</span>` : ''}</td>
<td data-label="Description">${prose(textOf(parameter.description))}</td></tr>`;
  })}</tbody></table></div>`;
}

function bodyOf(content: unknown): SafeHtml {
  return html`${Object.entries(nodeOf(content)).map(
    ([type, media]) => html`${typeOf(nodeOf(media).schema)} <span class="media-type">${type}</span><br>`,
  )}`;
}

function responsesTable(responses: unknown): SafeHtml {
  return html`<h4>Responses</h4>
<div class="table-wrap"><table class="card-table">
<thead><tr><th scope="col">Status</th><th scope="col">Description</th><th scope="col">Body</th></tr></thead>
<tbody>${Object.entries(nodeOf(responses)).map(([status, response]) => {
    const node = nodeOf(response);
    return html`<tr><th scope="row"><code>${status}</code></th>
<td data-label="Description">${prose(textOf(node.description))}</td>
<td data-label="Body">${bodyOf(node.content)}</td></tr>`;
  })}</tbody></table></div>`;
}

interface Operation {
  id: string;
  method: string;
  path: string;
  tag: string;
  node: Node;
}

function operationsOf(document: Node): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(nodeOf(document.paths))) {
    for (const method of METHODS) {
      const node = nodeOf(nodeOf(item)[method]);
      if (Object.keys(node).length === 0) continue;
      const [tag] = Array.isArray(node.tags) ? node.tags : [];
      operations.push({ id: anchor(method, path), method, path, tag: textOf(tag) || 'other', node });
    }
  }
  return operations;
}

function operationSection(operation: Operation): SafeHtml {
  const { node } = operation;
  const body = nodeOf(node.requestBody);
  const isKeyed = Array.isArray(node.security) && node.security.length > 0;
  return html`<section class="panel api-operation" id="${operation.id}" aria-labelledby="${operation.id}-h">
<h3 id="${operation.id}-h"><span class="http-method http-${operation.method}">${operation.method.toUpperCase()}</span> <code>${operation.path}</code></h3>
<p>${prose(textOf(node.summary))}${isKeyed ? html` <span class="chip">API key</span>` : ''}</p>
${parametersTable(node.parameters)}
${Object.keys(body).length > 0 ? html`<h4>Request body${body.required === true ? '' : html` <span class="muted small">optional</span>`}</h4><p>${bodyOf(body.content)}</p>` : ''}
${responsesTable(node.responses)}
</section>`;
}

function schemaSection(name: string, schema: unknown): SafeHtml {
  const node = nodeOf(schema);
  const members = Array.isArray(node.allOf) ? node.allOf.map(nodeOf) : [node];
  const required = new Set(
    members.flatMap((member) => (Array.isArray(member.required) ? member.required : [])),
  );
  const properties = members.flatMap((member) => Object.entries(nodeOf(member.properties)));
  const refs = members.filter((member) => typeof member.$ref === 'string');
  const id = anchor('schema', name);
  return html`<section class="panel api-schema" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h">${name}</h3>
${typeof node.description === 'string' ? html`<p>${prose(node.description)}</p>` : ''}
${refs.length > 0 ? html`<p>Every field of ${refs.map((ref, index) => html`${index > 0 ? ', ' : ''}${typeOf(ref)}`)}, and:</p>` : ''}
${
  properties.length > 0
    ? html`<div class="table-wrap"><table class="card-table">
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
<tbody>${properties.map(([field, property]) => {
        const constraints = constraintsOf(property);
        return html`<tr><th scope="row"><code>${field}</code>${required.has(field) ? '' : html` <span class="muted small">optional</span>`}</th>
<td data-label="Type">${typeOf(property)}${constraints ? html`<br><span class="muted small">${constraints}</span>` : ''}</td>
<td data-label="Description">${prose(textOf(nodeOf(property).description))}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>${typeOf(node)}</p>`
}
</section>`;
}

const TAG_TITLES: Record<string, string> = {
  catalogue: 'Catalogue',
  policies: 'Starter policies',
  classification: 'Classification and submissions',
  crawls: 'Crawl runs',
  operations: 'Operations',
};

/** Renders the API reference from the OpenAPI document the app serves at /openapi.json. */
export function renderDocsPage(site: SiteView, document: unknown): SafeHtml {
  const doc = nodeOf(document);
  const info = nodeOf(doc.info);
  const operations = operationsOf(doc);
  // The catalogue first, operations last: in the order of TAG_TITLES, then any other tag.
  const order = Object.keys(TAG_TITLES);
  const rank = (tag: string) => (order.includes(tag) ? order.indexOf(tag) : order.length);
  const tags = [...new Set(operations.map((operation) => operation.tag))].sort((a, b) => rank(a) - rank(b));
  const schemas = Object.entries(nodeOf(nodeOf(doc.components).schemas));
  return layout(
    site,
    {
      title: 'API reference',
      description: `The toolrisk HTTP API: ${operations.length} operations, described by OpenAPI ${textOf(doc.openapi)}.`,
      path: '/docs',
    },
    html`<header class="page-head">
<p class="eyebrow">HTTP API</p>
<h1>API reference</h1>
<p class="lead">${textOf(info.description)}</p>
</header>
<section class="panel" aria-labelledby="basics-h">
<h2 id="basics-h">Basics</h2>
<ul>
<li>Base URL <code>${site.publicUrl}</code>; the machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI ${textOf(doc.openapi)}).</li>
<li>Reads need no key. Writes (<code>POST /v1/servers</code>, <code>POST /v1/classify?store=true</code>) need <code>Authorization: Bearer KEY</code> from <code>toolrisk keys create</code>.</li>
<li>Lists are cursor-paged: pass the answer's <code>metadata.nextCursor</code> as <code>cursor</code> until it is absent.</li>
<li>Values from a list (<code>risk</code>, <code>category</code>, <code>sort</code>, <code>format</code>, <code>profile</code>…) match in any letter case; another value is a 400 that lists them.</li>
<li>Every error is <code>application/problem+json</code> (<a href="#schema-Problem">Problem</a>) with a stable <code>code</code>; a bad field is named in <code>errors[].path</code>.</li>
</ul>
</section>
<nav class="toc" aria-label="Operations">${[...operations]
      .sort((a, b) => rank(a.tag) - rank(b.tag))
      .map(
        (operation) =>
          html`<a href="#${operation.id}">${operation.method.toUpperCase()} ${operation.path}</a>`,
      )}</nav>
${tags.map(
  (tag) => html`<section aria-labelledby="${anchor('tag', tag)}">
<h2 id="${anchor('tag', tag)}">${TAG_TITLES[tag] ?? tag}</h2>
${operations.filter((operation) => operation.tag === tag).map(operationSection)}
</section>`,
)}
<section aria-labelledby="schemas-h">
<h2 id="schemas-h">Schemas</h2>
${schemas.map(([name, schema]) => schemaSection(name, schema))}
</section>`,
  );
}
