// Guarantee: every command answers --help with its usage and exit 0, and every failure is `CODE: message` with its exit code.
import { describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';

const COMMANDS = [
  'serve',
  'crawl',
  'worker',
  'introspect',
  'mcp',
  'import',
  'keys',
  'policy',
  'classify',
  'scan',
  'lock',
  'verify',
  'second-opinion',
];

describe('toolrisk --help', () => {
  it.each(COMMANDS)('`toolrisk %s --help` prints its usage and exits 0', async (name) => {
    const run = await runToolrisk([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage:\\s+toolrisk ${name}\\b`));
    expect(run.stderr).toBe('');
  });

  it('lists every command in one usage table', async () => {
    const run = await runToolrisk(['--help']);
    expect(run.code).toBe(0);
    const listed = [...run.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]);
    expect(listed).toEqual(COMMANDS);
  });
});

describe('toolrisk errors', () => {
  it('a bad setting is CONFIG_INVALID naming the variable, exit 3', async () => {
    const run = await runToolrisk(['keys', 'list'], { TOOLRISK_RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'CONFIG_INVALID: invalid configuration:\n  TOOLRISK_RATE_LIMIT_PER_MINUTE="lots": expected an integer from 1 to 1000000\n',
    );
  });

  it('an unknown option is a usage error naming it, exit 2', async () => {
    const run = await runToolrisk(['keys', 'create', '--name', 'n', '--colour', 'red']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^toolrisk keys: USAGE_INVALID: unknown option '--colour'; the usage below lists the options\n/,
    );
  });

  it.each([
    ['classify', '--colour'],
    ['crawl', 'registry', '--colour'],
    ['introspect', '--colour', '--url', 'http://127.0.0.1:9/mcp'],
    ['policy', '--colour'],
    ['second-opinion', '--colour'],
    ['import', '--colour', 'x.json'],
    ['keys', 'create', '--colour'],
  ])('`toolrisk %s ... --colour` is a usage error naming the option, exit 2', async (...args) => {
    const run = await runToolrisk(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^toolrisk ${args[0]}: USAGE_INVALID: unknown option '--colour'`));
    expect(run.stderr).toMatch(new RegExp(`\\nusage:\\s+toolrisk ${args[0]}\\b`));
  });

  it.each(['serve', 'mcp'])('`toolrisk %s extra` is a usage error, exit 2', async (name) => {
    const run = await runToolrisk([name, 'extra']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^toolrisk ${name}: USAGE_INVALID: unexpected argument "extra"`));
  });

  it('a value option without its value names it, exit 2', async () => {
    const run = await runToolrisk(['crawl', 'registry', '--limit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^toolrisk crawl: USAGE_INVALID: Option '--limit <value>' argument missing/);
  });

  it.each([
    [['introspct'], 'toolrisk: COMMAND_UNKNOWN: no command "introspct"; did you mean "introspect"?'],
    [['frobnicate'], 'toolrisk: COMMAND_UNKNOWN: no command "frobnicate"'],
    [['crawl', 'regsitry'], 'toolrisk crawl: USAGE_INVALID: name a source'],
    [['keys', 'revok'], 'toolrisk keys: USAGE_INVALID: unknown action "revok"; did you mean "revoke"?'],
    [
      ['introspect', '--alow-private', '--url', 'http://127.0.0.1:9/mcp'],
      "toolrisk introspect: USAGE_INVALID: unknown option '--alow-private'; did you mean --allow-private?",
    ],
    [
      ['classify', '--fail-of', 'High'],
      "toolrisk classify: USAGE_INVALID: unknown option '--fail-of'; did you mean --fail-on?",
    ],
  ])(
    '`toolrisk %s` names the nearest command, action or option when one is close, exit 2',
    async (args, first) => {
      const run = await runToolrisk(args);
      expect(run.code).toBe(2);
      const [line] = run.stderr.split('\n');
      expect(line?.startsWith(first)).toBe(true);
      if (args[0] === 'frobnicate') expect(line).toBe(first);
      if (args[1] === 'regsitry') expect(line).toMatch(/; did you mean "registry"\?$/);
    },
  );

  it('introspect of a loopback URL is ADDRESS_NOT_ALLOWED and names --allow-private, exit 1', async () => {
    const run = await runToolrisk(['introspect', '--url', 'http://127.0.0.1:9/mcp']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'toolrisk introspect: ADDRESS_NOT_ALLOWED at connect: 127.0.0.1 resolves to non-public address 127.0.0.1; ' +
        '--allow-private allows it (for a server on this machine or your own network)\n',
    );
  });
});
