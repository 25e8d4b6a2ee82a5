// Guarantee: every risk factor and every finding kind has its row in the OWASP table, every id in it is one of the
// ten of the official list, every mapping says why in one line, and a factor the list does not cover maps to none.
import { describe, expect, it } from 'vitest';
import { presentClassification } from '../report/classification-json.js';
import { FLOW_KINDS } from '../stack/flows.js';
import { LOCK_CHANGE_CODES } from '../stack/lock.js';
import { STACK_ISSUE_CODES } from '../stack/model.js';
import { type Classification, RISK_FACTORS } from '../types.js';
import { OWASP_MAPPINGS, owaspOfFactor, owaspOfFactors, owaspOfFlow } from './mapping.js';
import { OWASP_MCP_IDS, OWASP_MCP_TOP_10, OWASP_MCP_TOP_10_URL } from './top-ten.js';

const sections = Object.entries(OWASP_MAPPINGS) as [
  string,
  Record<string, readonly { id: string; reason: string }[]>,
][];

describe('the OWASP MCP Top 10 list', () => {
  it('holds the ten risks of the official list, in order, each with a title and a page on owasp.org', () => {
    expect(OWASP_MCP_TOP_10.map((risk) => risk.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `MCP${String(index + 1).padStart(2, '0')}:2025`),
    );
    expect(OWASP_MCP_TOP_10.map((risk) => risk.id)).toEqual([...OWASP_MCP_IDS]);
    expect(OWASP_MCP_TOP_10.find((risk) => risk.id === 'MCP03:2025')?.title).toBe('Tool Poisoning');
    expect(OWASP_MCP_TOP_10.find((risk) => risk.id === 'MCP06:2025')?.title).toBe(
      'Prompt Injection via Contextual Payloads',
    );
    for (const risk of OWASP_MCP_TOP_10) {
      const url = new URL(risk.url);
      // Already in the form a URL parser writes (the en dash percent-encoded), so a page links it as it is.
      expect(url.href).toBe(risk.url);
      expect(risk.url.startsWith(`${OWASP_MCP_TOP_10_URL}2025/${risk.id.slice(0, 5)}-2025`)).toBe(true);
      expect(risk.title.trim()).toBe(risk.title);
      expect(risk.title.length).toBeGreaterThan(5);
    }
  });
});

describe('the OWASP mapping table', () => {
  it('has a row for every risk factor and every finding kind, and nothing else', () => {
    expect(Object.keys(OWASP_MAPPINGS.factor)).toEqual([...RISK_FACTORS]);
    expect(Object.keys(OWASP_MAPPINGS.flow)).toEqual([...FLOW_KINDS]);
    expect(Object.keys(OWASP_MAPPINGS.stackIssue)).toEqual([...STACK_ISSUE_CODES]);
    expect(Object.keys(OWASP_MAPPINGS.lockChange)).toEqual([...LOCK_CHANGE_CODES]);
  });

  it('uses only ids of the list, each at most once per row, each with a one-line reason', () => {
    const ids = new Set<string>(OWASP_MCP_IDS);
    for (const [section, rows] of sections)
      for (const [key, mappings] of Object.entries(rows)) {
        expect(new Set(mappings.map((mapping) => mapping.id)).size, `${section}.${key}`).toBe(
          mappings.length,
        );
        for (const mapping of mappings) {
          expect(ids.has(mapping.id), `${section}.${key}: ${mapping.id}`).toBe(true);
          expect(mapping.reason, `${section}.${key}`).toMatch(/^\S[^\n]{15,120}$/);
        }
      }
  });

  it('maps a factor the list does not treat as a risk of its own to none, rather than forcing one', () => {
    const unmapped = RISK_FACTORS.filter((factor) => OWASP_MAPPINGS.factor[factor].length === 0);
    expect(unmapped).toEqual(['destructive', 'financial', 'infrastructure', 'bulk']);
    expect(owaspOfFactor('bulk')).toEqual([]);
  });

  it('ties hidden instructions, definition changes and plain-text secrets to the risks that name them', () => {
    expect(OWASP_MAPPINGS.factor.suspicious_description.map((m) => m.id)).toEqual(['MCP03:2025']);
    expect(OWASP_MAPPINGS.lockChange.TOOL_DEFINITION_CHANGED.map((m) => m.id)).toEqual(['MCP03:2025']);
    expect(OWASP_MAPPINGS.stackIssue.SECRET_IN_PLAIN_TEXT.map((m) => m.id)).toEqual(['MCP01:2025']);
    expect(OWASP_MAPPINGS.factor.code_execution.map((m) => m.id)).toEqual(['MCP05:2025']);
    expect(owaspOfFlow('injected_execution').map((m) => m.id)).toEqual(['MCP06:2025', 'MCP05:2025']);
    // Every risk of the list that something maps to is reachable from at least one factor or finding.
    const used = new Set(
      sections.flatMap(([, rows]) => Object.values(rows).flatMap((m) => m.map((x) => x.id))),
    );
    expect([...used].sort()).toEqual(OWASP_MCP_IDS.filter((id) => id !== 'MCP08:2025'));
  });

  it('gives the distinct ids of several factors in the list order', () => {
    expect(owaspOfFactors(['untrusted_content', 'credentials', 'sensitive_read', 'bulk'])).toEqual([
      'MCP01:2025',
      'MCP06:2025',
      'MCP10:2025',
    ]);
    expect(owaspOfFactors([])).toEqual([]);
  });
});

describe('factorDetails in the classification JSON', () => {
  it('lists the factors in their order, each with its references, and leaves `factors` as it was', () => {
    const classification: Classification = {
      category: 'Execute',
      risk: 'Critical',
      factors: ['code_execution', 'destructive'],
      confidence: 0.9,
      rationale: 'r',
      evidence: [],
      fiveClass: 'Execute',
      classifierVersion: 'v',
    };
    const json = presentClassification(classification, { definitionHash: 'h', annotations: undefined });
    expect(json.factors).toEqual(['code_execution', 'destructive']);
    expect(json.factorDetails).toEqual([
      {
        factor: 'code_execution',
        owasp: [
          {
            id: 'MCP05:2025',
            title: 'Command Injection & Execution',
            url: 'https://owasp.org/www-project-mcp-top-10/2025/MCP05-2025%E2%80%93Command-Injection&Execution',
            reason: OWASP_MAPPINGS.factor.code_execution[0]?.reason,
          },
        ],
      },
      { factor: 'destructive', owasp: [] },
    ]);
  });
});
