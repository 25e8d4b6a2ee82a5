// Sections of the tool page that explain a classification: parameters, evidence, attack patterns and the FAQ.
import { ATTACK_PATTERNS } from '../content/attack-patterns.js';
import { html, type SafeHtml } from '../html.js';
import type { ClassificationView, ToolView } from '../view-models.js';
import { formatPercent, normaliseDescription } from './format.js';
import { owaspExplained } from './owasp.js';

interface Parameter {
  name: string;
  type: string;
  description: string;
  isRequired: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The top-level parameters an input schema declares (the schema is untrusted: anything odd is skipped). */
export function parametersOf(schema: Record<string, unknown> | null): Parameter[] {
  const properties = schema?.properties;
  if (!isRecord(properties)) return [];
  const required = Array.isArray(schema?.required) ? schema.required : [];
  return Object.entries(properties).map(([name, value]) => {
    const property = isRecord(value) ? value : {};
    const type = property.type;
    return {
      name,
      type: typeof type === 'string' ? type : Array.isArray(type) ? type.join(' | ') : 'any',
      description: typeof property.description === 'string' ? property.description : '',
      isRequired: required.includes(name),
    };
  });
}

/** The parameters as a table (cards on a phone: each cell says its column), or a note that there are none. */
export function parametersTable(tool: ToolView): SafeHtml {
  const parameters = parametersOf(tool.inputSchema);
  if (parameters.length === 0) return html`<p class="muted">The tool declares no parameters.</p>`;
  return html`<div class="table-wrap"><table class="card-table" role="table">
<caption class="visually-hidden">Parameters of ${tool.name}</caption>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Parameter</th><th scope="col" role="columnheader">Type</th><th scope="col" role="columnheader">Description</th></tr></thead>
<tbody role="rowgroup">${parameters.map(
    (parameter) =>
      html`<tr role="row"><th scope="row" role="rowheader"><code>${parameter.name}</code>${parameter.isRequired ? html` <span class="muted small">required</span>` : ''}</th><td role="cell" data-label="Type"><code>${parameter.type}</code></td><td role="cell" data-label="Description" class="cell-text">${normaliseDescription(parameter.description)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The evidence the classifier quoted from the definition. */
export function evidenceTable(classification: ClassificationView): SafeHtml {
  if (classification.evidence.length === 0) return html`<p class="muted">No evidence was quoted.</p>`;
  return html`<div class="table-wrap"><table class="card-table" role="table">
<caption class="visually-hidden">Evidence from the tool's definition</caption>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Where</th><th scope="col" role="columnheader">Quoted</th><th scope="col" role="columnheader">Effect</th></tr></thead>
<tbody role="rowgroup">${classification.evidence.map(
    (item) =>
      html`<tr role="row"><td role="cell" data-label="Where">${item.source}${item.path ? html`<br><code class="small">${item.path}</code>` : ''}</td><td role="cell" data-label="Quoted"><q>${item.quote}</q></td><td role="cell" data-label="Effect">${item.effect}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** What the OWASP MCP Top 10 says of one factor: its risks, or that the list has none for it. */
function factorOwasp(factor: string, details: ClassificationView['factorDetails']): SafeHtml {
  const detail = details?.find((item) => item.factor === factor);
  if (detail === undefined) return html``;
  return owaspExplained(detail.owasp, `none of the ten risks is about ${factor} as such.`);
}

/** The documented attack patterns of the tool's factors, each with its OWASP MCP Top 10 risks when given. */
export function attackPatterns(
  factors: readonly string[],
  details?: ClassificationView['factorDetails'],
): SafeHtml {
  const known = factors.flatMap((factor) => {
    const pattern = ATTACK_PATTERNS[factor];
    return pattern ? [{ factor, pattern }] : [];
  });
  if (known.length === 0) {
    return html`<p>No risk factor applies: the tool reads public or non-sensitive data and has no side effects. The residual risk is the agent's use of what it returns.</p>`;
  }
  return html`<div class="patterns">${known.map(
    ({ factor, pattern }) => html`<article class="pattern" id="factor-${factor}">
<h3>${pattern.title} <span class="chip">${factor}</span></h3>
<p>${pattern.attack}</p>
<p><strong>Control:</strong> ${pattern.control}</p>
${factorOwasp(factor, details)}
</article>`,
  )}</div>`;
}

/** Questions and answers of the FAQ, as text (for the page and for FAQPage JSON-LD). */
export function faqEntries(tool: ToolView, serverName: string): { question: string; answer: string }[] {
  const c = tool.classification;
  if (!c) return [];
  const verdict: Record<string, string> = {
    Low: 'It is generally safe to allow: it reads public or non-sensitive data and has no side effects.',
    Medium: 'Allow it with a rate limit: it changes state or returns private or third-party content.',
    High: 'Not without a human in the loop: the balanced policy requires approval for each call.',
    Critical: 'Not by default: the balanced policy denies it until an operator explicitly opts in.',
  };
  return [
    {
      question: `Is ${tool.name} safe to let an AI agent call?`,
      answer: `${tool.name} is rated ${c.risk} risk (${c.category}). ${verdict[c.risk] ?? ''}`,
    },
    {
      question: `What can go wrong with ${tool.name}?`,
      answer:
        c.factors.length > 0
          ? `Its risk factors are ${c.factors.join(', ')}. ${c.factors
              .map((factor) => ATTACK_PATTERNS[factor]?.title)
              .filter((title) => title !== undefined)
              .join(', ')} are the documented attack patterns for them.`
          : 'No risk factor applies to it.',
    },
    {
      question: 'How sure is this classification?',
      answer: `The classifier is ${formatPercent(c.confidence)} confident. It judges the definition alone (name, description, schema, annotations and the ${serverName} server's other tools); annotations are treated as claims, not facts.`,
    },
    {
      question: 'How do I apply the recommended policy?',
      answer:
        'Download it below in the format your client or gateway reads (Claude Code, Codex, Cursor, VS Code, ToolHive Cedar, agentgateway, gateway JSON or Intercept YAML), or fetch it from the API with the curl command above. Starter policies deny any tool they do not list; Cursor and VS Code cannot deny, so there a refused tool asks and the file says so.',
    },
  ];
}

/** The FAQ as a definition list. */
export function faqList(entries: readonly { question: string; answer: string }[]): SafeHtml {
  return html`<dl class="faq">${entries.map(
    (entry) => html`<dt>${entry.question}</dt><dd>${entry.answer}</dd>`,
  )}</dl>`;
}
