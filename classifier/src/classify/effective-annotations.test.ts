import { describe, expect, it } from 'vitest';
import { classifyTool } from '../classify.js';
import type { Classification, ToolDefinition } from '../types.js';
import { effectiveAnnotations, HINT_NAMES } from './effective-annotations.js';

function effective(tool: ToolDefinition, annotations: unknown = tool.annotations) {
  const classification = classifyTool(tool);
  return { classification, hints: effectiveAnnotations(annotations, classification) };
}

const readTool: ToolDefinition = {
  name: 'get_issue',
  description: 'Get an issue of a repository by its number',
};
const deleteTool: ToolDefinition = { name: 'delete_file', description: 'Delete a file at a path' };
const shellTool: ToolDefinition = {
  name: 'run_command',
  description: 'Run a shell command on the host',
  inputSchema: { type: 'object', properties: { command: { type: 'string' } } },
};

describe('readOnlyHint', () => {
  it('is inferred true for Read and false for Write and Execute, citing the quote that decided the category', () => {
    const read = effective(readTool).hints.readOnlyHint;
    expect(read).toMatchObject({ inferred: true, effective: true, rule: 'hint.read-only.read' });
    expect(read.reason).toContain('"get"');
    expect(effective(deleteTool).hints.readOnlyHint).toMatchObject({
      inferred: false,
      rule: 'hint.read-only.changes',
    });
    expect(effective(deleteTool).hints.readOnlyHint.reason).toContain('"delete"');
    expect(effective(shellTool).hints.readOnlyHint).toMatchObject({ inferred: false, effective: false });
  });

  it('flags readOnlyHint: true on a destructive Write as an unsafe mismatch', () => {
    const { hints } = effective({ ...deleteTool, annotations: { readOnlyHint: true } });
    expect(hints.readOnlyHint).toMatchObject({
      declared: true,
      declaration: 'boolean',
      inferred: false,
      effective: false,
      isMismatch: true,
      isUnsafe: true,
    });
    expect(hints).toMatchObject({ hasMismatch: true, hasUnsafeMismatch: true, mismatches: ['readOnlyHint'] });
  });

  it('counts readOnlyHint: false on a Read as a mismatch that is not unsafe (the author claims more risk)', () => {
    const { hints } = effective({ ...readTool, annotations: { readOnlyHint: false } });
    expect(hints.readOnlyHint).toMatchObject({ isMismatch: true, isUnsafe: false });
    expect(hints).toMatchObject({ hasMismatch: true, hasUnsafeMismatch: false });
  });
});

describe('destructiveHint', () => {
  it('is inferred true from the destructive factor, quoting its evidence', () => {
    const hint = effective(deleteTool).hints.destructiveHint;
    expect(hint).toMatchObject({ inferred: true, rule: 'hint.destructive.factor' });
    expect(hint.reason).toMatch(/^factor destructive \(the name "delete"\)/);
  });

  it('is inferred true for an Execute tool without the factor: what it runs is up to its arguments', () => {
    const { classification, hints } = effective({
      name: 'run_workflow',
      description: 'Trigger a CI workflow by its file name',
      inputSchema: { type: 'object', properties: { workflow: { type: 'string' } } },
    });
    expect(classification.category).toBe('Execute');
    expect(classification.factors).not.toContain('destructive');
    expect(hints.destructiveHint).toMatchObject({ inferred: true, rule: 'hint.destructive.execute' });
  });

  it('is inferred false for Read and for an additive Write', () => {
    expect(effective(readTool).hints.destructiveHint).toMatchObject({
      inferred: false,
      rule: 'hint.destructive.read',
    });
    const create = effective({ name: 'create_issue', description: 'Create an issue in a repository' });
    expect(create.classification.category).toBe('Write');
    expect(create.hints.destructiveHint).toMatchObject({
      inferred: false,
      rule: 'hint.destructive.additive',
    });
  });

  it('flags destructiveHint: false on a delete as unsafe, and destructiveHint: true on an additive Write as a safe mismatch', () => {
    expect(
      effective({ ...deleteTool, annotations: { destructiveHint: false } }).hints.destructiveHint,
    ).toMatchObject({ isMismatch: true, isUnsafe: true });
    const create = { name: 'create_issue', description: 'Create an issue in a repository' };
    expect(
      effective({ ...create, annotations: { destructiveHint: true } }).hints.destructiveHint,
    ).toMatchObject({
      isMismatch: true,
      isUnsafe: false,
    });
  });

  it('never counts destructiveHint or idempotentHint on a Read tool: the spec reads them only when not read-only', () => {
    const { hints } = effective({
      ...readTool,
      annotations: { readOnlyHint: true, destructiveHint: true, idempotentHint: false },
    });
    expect(hints.destructiveHint).toMatchObject({ declared: true, inferred: false, isMismatch: false });
    expect(hints.idempotentHint).toMatchObject({ declared: false, inferred: true, isMismatch: false });
    expect(hints.hasMismatch).toBe(false);
  });
});

describe('idempotentHint', () => {
  it('is inferred true for Read', () => {
    expect(effective(readTool).hints.idempotentHint).toMatchObject({
      inferred: true,
      rule: 'hint.idempotent.read',
    });
  });

  it('is inferred true for a Write whose deciding verb sets a state', () => {
    const { classification, hints } = effective({
      name: 'set_issue_labels',
      description: 'Replace the labels of an issue with the given ones',
    });
    expect(classification.category).toBe('Write');
    expect(hints.idempotentHint).toMatchObject({ inferred: true, rule: 'hint.idempotent.sets-state' });
    expect(hints.idempotentHint.reason).toContain('"set"');
  });

  it('is inferred false for a Write that adds, sends or pays on each call', () => {
    for (const tool of [
      { name: 'append_block', description: 'Append a block of text to a page' },
      { name: 'send_email', description: 'Send an email to a recipient' },
      { name: 'pay_invoice', description: 'Pay an invoice from the account balance' },
    ]) {
      const hint = effective(tool).hints.idempotentHint;
      expect({ tool: tool.name, inferred: hint.inferred, rule: hint.rule }).toEqual({
        tool: tool.name,
        inferred: false,
        rule: 'hint.idempotent.adds-each-call',
      });
    }
    expect(
      effective({ name: 'send_email', description: 'Send an email' }).hints.idempotentHint.reason,
    ).toContain('sends again');
  });

  it('is unknown (null) for Execute and for a Write whose verb does not tell; effective then falls to false', () => {
    const execute = effective(shellTool).hints.idempotentHint;
    expect(execute).toMatchObject({ inferred: null, effective: false, rule: 'hint.idempotent.execute' });
    for (const tool of [
      { name: 'update_issue', description: 'Update the title or body of an issue' },
      // Creating a directory at a path is a no-op the second time, creating an issue is not: the verb cannot tell.
      { name: 'create_directory', description: 'Create a directory at a path' },
      { name: 'create_issue', description: 'Create an issue in a repository' },
    ]) {
      const { classification, hints } = effective(tool);
      expect(classification.category).toBe('Write');
      expect({ tool: tool.name, ...hints.idempotentHint }).toMatchObject({
        tool: tool.name,
        inferred: null,
        effective: false,
        rule: 'hint.idempotent.unknown',
      });
    }
  });

  it('never counts a declared value against an unknown inference as a mismatch', () => {
    for (const declared of [true, false]) {
      const { hints } = effective({ ...shellTool, annotations: { idempotentHint: declared } });
      expect(hints.idempotentHint).toMatchObject({
        declared,
        inferred: null,
        effective: false,
        isMismatch: false,
      });
      expect(hints.mismatches).not.toContain('idempotentHint');
    }
  });

  it('flags idempotentHint: true on a send as unsafe (a gateway would retry it)', () => {
    const { hints } = effective({
      name: 'send_message',
      description: 'Send a message to a channel',
      annotations: { idempotentHint: true },
    });
    expect(hints.idempotentHint).toMatchObject({ isMismatch: true, isUnsafe: true });
  });
});

describe('openWorldHint', () => {
  it('is inferred true from untrusted content, quoting the factor', () => {
    const { classification, hints } = effective({
      name: 'fetch_url',
      description: 'Fetch a web page and return its content as markdown',
      inputSchema: { type: 'object', properties: { url: { type: 'string' } } },
    });
    expect(classification.factors).toContain('untrusted_content');
    expect(hints.openWorldHint).toMatchObject({ inferred: true, rule: 'hint.open-world.factor' });
    expect(hints.openWorldHint.reason).toMatch(/^factor untrusted_content \(/);
  });

  it('is inferred true from sending outside the user’s control and from Execute', () => {
    const send = effective({ name: 'send_email', description: 'Send an email to a recipient' });
    expect(send.classification.factors).toContain('external_comm');
    expect(send.hints.openWorldHint.inferred).toBe(true);
    expect(effective(shellTool).hints.openWorldHint.inferred).toBe(true);
  });

  it('is inferred false when no factor reaches outside, and flags openWorldHint: false on a web fetch as unsafe', () => {
    const closed = effective({ name: 'get_memory', description: 'Get a stored memory entity by name' });
    expect(closed.hints.openWorldHint).toMatchObject({ inferred: false, rule: 'hint.open-world.closed' });
    const { hints } = effective({
      name: 'fetch_url',
      description: 'Fetch a web page and return its content',
      inputSchema: { type: 'object', properties: { url: { type: 'string' } } },
      annotations: { openWorldHint: false },
    });
    expect(hints.openWorldHint).toMatchObject({ isMismatch: true, isUnsafe: true });
  });
});

describe('declared annotations', () => {
  it('reads absent annotations as four undeclared hints, no mismatch, effective = inferred', () => {
    const { hints } = effective(deleteTool, undefined);
    for (const name of HINT_NAMES) {
      expect(hints[name]).toMatchObject({ declared: null, declaration: 'absent', isMismatch: false });
      expect(hints[name].effective).toBe(hints[name].inferred ?? false);
    }
    expect(hints).toMatchObject({ hasMismatch: false, hasUnsafeMismatch: false, mismatches: [] });
  });

  it('reads partial annotations hint by hint', () => {
    const { hints } = effective(readTool, { readOnlyHint: true, title: 'Get issue' });
    expect(hints.readOnlyHint).toMatchObject({ declared: true, declaration: 'boolean', isMismatch: false });
    expect(hints.destructiveHint.declaration).toBe('absent');
    expect(hints.idempotentHint.declaration).toBe('absent');
    expect(hints.openWorldHint.declaration).toBe('absent');
  });

  it('reads a non-boolean hint as invalid: no declared value, never a mismatch', () => {
    const { hints } = effective(deleteTool, {
      readOnlyHint: 'true',
      destructiveHint: 0,
      openWorldHint: null,
    });
    expect(hints.readOnlyHint).toMatchObject({ declared: null, declaration: 'invalid', isMismatch: false });
    expect(hints.destructiveHint).toMatchObject({ declared: null, declaration: 'invalid' });
    // JSON null is a value the author wrote, not a boolean: invalid like the others.
    expect(hints.openWorldHint).toMatchObject({ declared: null, declaration: 'invalid' });
    expect(hints.idempotentHint.declaration).toBe('absent');
    expect(hints.hasMismatch).toBe(false);
  });

  it('reads annotations that are not an object (array, string, null) as all absent', () => {
    for (const annotations of [[true], 'readOnlyHint', null, 42]) {
      const { hints } = effective(readTool, annotations);
      expect(HINT_NAMES.map((name) => hints[name].declaration)).toEqual([
        'absent',
        'absent',
        'absent',
        'absent',
      ]);
    }
  });

  it('matches declared hints that agree with the verdict without a mismatch', () => {
    const local = { name: 'format_date', description: 'Format a date as ISO 8601 text' };
    const { hints } = effective(local, {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(hints.mismatches).toEqual([]);
    expect(HINT_NAMES.map((name) => hints[name].effective)).toEqual([true, false, true, false]);
  });

  it('lists several mismatches in spec order', () => {
    const { hints } = effective(deleteTool, {
      openWorldHint: true,
      destructiveHint: false,
      readOnlyHint: true,
      idempotentHint: false,
    });
    expect(hints.mismatches).toEqual(['readOnlyHint', 'destructiveHint', 'openWorldHint']);
  });
});

describe('a view of the verdict', () => {
  it('reads only category, factors and evidence: a changed verdict changes the hints', () => {
    const read = classifyTool(readTool);
    const asWrite: Classification = { ...read, category: 'Write', factors: ['destructive'], evidence: [] };
    const hints = effectiveAnnotations(undefined, asWrite);
    expect(hints.readOnlyHint.inferred).toBe(false);
    expect(hints.destructiveHint).toMatchObject({ inferred: true, reason: 'factor destructive' });
    // No evidence names the deciding verb, so idempotency is not claimed.
    expect(hints.idempotentHint.inferred).toBeNull();
  });

  it('does not change the classification it reads', () => {
    const tool = { ...deleteTool, annotations: { readOnlyHint: true } };
    const before = classifyTool(tool);
    const snapshot = structuredClone(before);
    effectiveAnnotations(tool.annotations, before);
    expect(before).toEqual(snapshot);
  });
});
