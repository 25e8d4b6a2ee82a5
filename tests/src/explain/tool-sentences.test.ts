// Guarantees of the tool page's opening sentence on the shipped catalogue: every tool gets one, in plain English, built from its verdict and never copied from its description.
import { readdirSync, readFileSync } from 'node:fs';
import {
  classifyTool,
  describeTool,
  readToolsDocument,
  serverContextOf,
  type ToolDefinition,
} from '@toolrisk/classifier';
import { readShippedCaptures } from '@toolrisk/crawler/testing';
import { describe, expect, it } from 'vitest';

const CATALOGUE = new URL('../../../crawler/seed/catalogue/', import.meta.url);

interface Described {
  server: string;
  tool: ToolDefinition;
  text: string;
  verbFrom: string;
}

/** The sentence of every tool of the captured servers (Smithery, Docker, LiveMCPBench), each in its server's context. */
function describeCaptures(): Described[] {
  return readShippedCaptures().flatMap((server) => {
    const context = serverContextOf(server, server.tools);
    return server.tools.map((tool) => ({
      server: server.name,
      tool,
      ...describeTool(tool, classifyTool(tool, context), context),
    }));
  });
}

function describeCatalogue(): Described[] {
  const out: Described[] = [];
  for (const file of readdirSync(CATALOGUE).filter((name) => name.endsWith('.json'))) {
    const document = readToolsDocument(JSON.parse(readFileSync(new URL(file, CATALOGUE), 'utf8')));
    const tools = document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
    const context = serverContextOf(document.server, tools);
    for (const tool of tools) {
      const sentence = describeTool(tool, classifyTool(tool, context), context);
      out.push({ server: file, tool, ...sentence });
    }
  }
  return out;
}

const seeded = describeCatalogue();
const described = [...seeded, ...describeCaptures()];
const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** Every run of `size` consecutive words of the text. */
function runsOf(text: string, size: number): Set<string> {
  const words = wordsOf(text);
  const runs = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) runs.add(words.slice(i, i + size).join(' '));
  return runs;
}

/** Whether English says "an" before the word: by its first sound (an abbreviation by its first letter's name). */
function wantsAn(word: string): boolean {
  if (/^[A-Z]{2,}/.test(word)) return /^[AEFHILMNORSX]/.test(word);
  if (/^[aeiou]/i.test(word)) return !/^(us|uni|one|eu|ur[aeiou])/i.test(word);
  return /^(hour|honest|honou?r|heir)/i.test(word);
}

describe('the plain-language sentence of every shipped tool', () => {
  it('exists for each of the 698 tools of the 37 servers and every captured tool', () => {
    expect(new Set(seeded.map((entry) => entry.server)).size).toBe(37);
    expect(seeded).toHaveLength(698);
    expect(described.length).toBeGreaterThan(7000);
    for (const entry of described) expect(entry.text.length).toBeGreaterThan(20);
  });

  it('opens with what the tool lets an agent do, or says honestly that this could not be read', () => {
    const opening =
      /^(Lets an agent [a-z]|What this tool does could not be read from its definition; it is treated as an? (Low|Medium|High|Critical)-risk (Read|Write|Execute) tool: )/;
    const bad = described.filter((entry) => !opening.test(entry.text));
    expect(bad.map((entry) => `${entry.tool.name}: ${entry.text}`)).toEqual([]);
    // Most tools have a verb: an honest "could not be read" is the exception, not the rule.
    const none = described.filter((entry) => entry.verbFrom === 'none').length;
    expect(none).toBeLessThan(described.length / 10);
    expect(
      described.filter((entry) => entry.verbFrom === 'none').every((e) => e.text.startsWith('What')),
    ).toBe(true);
  });

  it('never contains a run of eight words of the tool’s description', () => {
    const copied = described.filter((entry) => {
      const description = entry.tool.description ?? '';
      const runs = runsOf(description, 8);
      return [...runsOf(entry.text, 8)].some((run) => runs.has(run));
    });
    expect(copied.map((entry) => `${entry.tool.name}: ${entry.text}`)).toEqual([]);
  });

  it('is one well-formed sentence: one full stop at the end, no empty values, no doubled spaces or words', () => {
    const problems = described.flatMap((entry) => {
      const { text } = entry;
      const found: string[] = [];
      if (!/[a-z)]\.$/i.test(text)) found.push('does not end in a full stop');
      if (/[.!?]\s/.test(text)) found.push('has a sentence end inside');
      if (/\b(undefined|null|NaN)\b|\[object/.test(text)) found.push('holds an empty value');
      if (/ {2}|\s[,;:.]|[,;:]{2}|[,;:]$|;\s*\./.test(text)) found.push('has stray spacing or punctuation');
      if (/\b(\w+) \1\b/i.test(text)) found.push('repeats a word');
      if ((text.match(/;/g) ?? []).length > 1) found.push('has more than one semicolon');
      return found.map((problem) => `${entry.tool.name} ${problem}: ${text}`);
    });
    expect(problems).toEqual([]);
  });

  it('uses "a" and "an" by sound, and no article before another determiner', () => {
    const problems = described.flatMap((entry) =>
      // A quoted name (“name_a”) is an identifier, not English: left out.
      [...entry.text.replace(/“[^”]*”/g, 'NAME').matchAll(/\b(a|an) ([\w'-]+)/gi)].flatMap((match) => {
        const [, article = '', word = ''] = match;
        if (/^(a|an|the|all|some|every|many)$/i.test(word)) return [`${article} ${word}`];
        return (article.toLowerCase() === 'an') === wantsAn(word)
          ? []
          : [`${entry.tool.name}: "${article} ${word}"`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('puts a verb in its base form after "Lets an agent" (never "gets", "a", "the")', () => {
    const problems = described.flatMap((entry) => {
      const verb = /^Lets an agent ([a-z-]+)/.exec(entry.text)?.[1];
      if (verb === undefined) return [];
      const isBase =
        !/(^(a|an|the|to|of|is|are)$)|[^su]s$|ing$|ed$/.test(verb) ||
        /^(need|embed|feed|seed|speed|shed)$/.test(verb);
      return isBase ? [] : [`${entry.tool.name}: ${verb}`];
    });
    expect(problems).toEqual([]);
  });

  it('says each of the verdict’s factors and its category in its own words', () => {
    const read = described.filter((entry) => /it changes nothing\.$/.test(entry.text));
    expect(read.length).toBeGreaterThan(100);
    const destroying = described.filter((entry) => entry.text.includes('it can destroy data'));
    expect(destroying.length).toBeGreaterThan(20);
  });
});
