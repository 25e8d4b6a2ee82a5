// One JSON shape for a classification: the report, its entries and SARIF properties agree with the schema and each other.
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { readToolsDocument } from '../document.js';
import { ClassificationJsonSchema, ClassificationReportSchema, toJsonReport } from './classification-json.js';
import { classifyDocument } from './classify-document.js';
import { toSarif } from './sarif.js';

const CLASSIFICATION_KEYS = [
  'category',
  'risk',
  'factors',
  'factorDetails',
  'confidence',
  'rationale',
  'evidence',
  'fiveClass',
  'classifierVersion',
  'definitionHash',
  'secondOpinion',
  'effectiveAnnotations',
];

const text = JSON.stringify({
  server: { name: 'files' },
  tools: [
    {
      name: 'delete_file',
      description: 'Delete a file',
      inputSchema: { properties: { path: { type: 'string' } } },
    },
    { description: 'no name' },
    { name: 'read_file' },
  ],
});
const classified = classifyDocument(readToolsDocument(JSON.parse(text)));

describe('the JSON report', () => {
  it('lists every entry in input order, classified or with its own errors, and matches its schema', () => {
    const report = toJsonReport(classified);
    expect(Compile(ClassificationReportSchema).Check(report)).toBe(true);
    expect(report.tools.map((entry) => [entry.index, entry.name, entry.status])).toEqual([
      [0, 'delete_file', 'classified'],
      [1, null, 'error'],
      [2, 'read_file', 'classified'],
    ]);
    expect(report.tools[1]?.errors.map((error) => error.code)).toEqual(['TOOL_NAME_MISSING']);
    expect(report.errors).toEqual([]);
  });

  it('nests one classification shape, with the rule id of each evidence item and the definition hash', () => {
    const entry = toJsonReport(classified).tools[0];
    expect(Object.keys(entry?.classification ?? {})).toEqual(CLASSIFICATION_KEYS);
    expect(entry?.classification?.definitionHash).toBe(entry?.definitionHash);
    expect(entry?.classification?.secondOpinion).toBeNull();
    expect(entry?.classification?.evidence.some((item) => typeof item.rule === 'string')).toBe(true);
    expect(Compile(ClassificationJsonSchema).Check(entry?.classification)).toBe(true);
  });

  it('carries the effective annotations against the entry as written, a non-boolean hint shown as invalid', () => {
    const document = readToolsDocument({
      tools: [
        {
          name: 'delete_file',
          description: 'Delete a file',
          annotations: { readOnlyHint: true, destructiveHint: 'no' },
        },
      ],
    });
    const entry = toJsonReport(classifyDocument(document)).tools[0];
    const hints = entry?.classification?.effectiveAnnotations;
    expect(hints?.readOnlyHint).toMatchObject({
      declared: true,
      inferred: false,
      isMismatch: true,
      isUnsafe: true,
    });
    expect(hints?.destructiveHint).toMatchObject({ declared: null, declaration: 'invalid', inferred: true });
    expect(hints?.mismatches).toEqual(['readOnlyHint']);
    expect(Compile(ClassificationJsonSchema).Check(entry?.classification)).toBe(true);
  });

  it('puts the same entry JSON in SARIF properties', () => {
    const sarif = toSarif(classified, { uri: 'tools.json', text }) as {
      runs: { results: { properties: Record<string, unknown> }[] }[];
    };
    const report = toJsonReport(classified);
    const { status: _status, warnings: _warnings, errors: _errors, ...entry } = report.tools[0] ?? {};
    expect(sarif.runs[0]?.results[0]?.properties).toEqual(entry);
  });
});
