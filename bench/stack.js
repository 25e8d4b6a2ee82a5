// Checking a stack of 50 servers / 2,000 tools (issue 15's target: under a second). The tools are the seed
// catalogue's real definitions, dealt out 40 to a server; one Claude Desktop configuration names the 50 packages.
// Two figures, each over several trials:
//   - the check itself: reading the configuration, the flow roles of every tool, the toxic flows and the rules that
//     break them, and the stack policy (`readClientConfig` + `checkStack`), on tools already classified, as the
//     catalogue holds them;
//   - the whole request: `POST /v1/stacks/check` through the app (validation, the catalogue lookup of 50 packages and
//     their 2,000 stored verdicts, the check, serialisation), on PGlite, and on PostgreSQL when BENCH_DATABASE_URL or
//     TEST_DATABASE_URL is set.
// Run with `npm run bench -- stack` or `node bench/stack.js` after a build. Wall and CPU time are both printed: on a
// shared machine other processes inflate wall time, not this process's CPU time.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkStack,
  exportStackPolicy,
  readClientConfig,
  readToolsDocument,
  resolveListedTools,
  serverKey,
} from '@toolrisk/classifier';

const CATALOGUE = fileURLToPath(new URL('../crawler/seed/catalogue/', import.meta.url));
const SERVERS = Number(process.env.BENCH_STACK_SERVERS ?? 50) || 50;
const TOOLS_PER_SERVER = Number(process.env.BENCH_STACK_TOOLS_PER_SERVER ?? 40) || 40;
const TRIALS = Number(process.env.BENCH_STACK_TRIALS ?? 7) || 7;
const TARGET_MS = 1000;

/** Every tool definition of the seed catalogue, in file order. */
function seedTools() {
  return readdirSync(CATALOGUE)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const document = readToolsDocument(JSON.parse(readFileSync(`${CATALOGUE}${file}`, 'utf8')));
      return document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
    });
}

/** The stack: SERVERS servers of TOOLS_PER_SERVER seed tools each (dealt round-robin, names kept unique per server). */
function buildStack() {
  const pool = seedTools();
  const servers = [];
  for (let index = 0; index < SERVERS; index += 1) {
    const names = new Set();
    const tools = [];
    for (let slot = 0; slot < TOOLS_PER_SERVER; slot += 1) {
      const tool = pool[(index * TOOLS_PER_SERVER + slot * 7) % pool.length];
      const name = names.has(tool.name) ? `${tool.name}_${slot}` : tool.name;
      names.add(name);
      tools.push({ ...tool, name });
    }
    const id = `bench-stack-${String(index).padStart(2, '0')}`;
    servers.push({ id, name: id, package: `@bench-stack/server-${index}`, version: '1.0.0', tools });
  }
  const config = {
    mcpServers: Object.fromEntries(
      servers.map((server) => [
        server.id,
        { command: 'npx', args: ['-y', `${server.package}@${server.version}`] },
      ]),
    ),
  };
  return { servers, configText: JSON.stringify(config, null, 2) };
}

function cpuMs(usage) {
  return (usage.user + usage.system) / 1000;
}

async function measure(fn) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await fn();
  return {
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: cpuMs(process.cpuUsage(cpu)),
    result,
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}

function fmt(value, digits = 0) {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function report(label, trials, isPart = false) {
  const wall = stats(trials.map((trial) => trial.wallMs));
  const cpu = stats(trials.map((trial) => trial.cpuMs));
  if (isPart) {
    console.log(
      `  ${label}: wall median ${fmt(wall.median, 1)} ms (min ${fmt(wall.min, 1)}, max ${fmt(wall.max, 1)}); CPU median ${fmt(cpu.median, 1)} ms`,
    );
    return { wallMs: wall.median, cpuMs: cpu.median };
  }
  const verdict =
    wall.median < TARGET_MS ? 'met' : cpu.median < TARGET_MS ? 'met in CPU time only' : 'MISSED';
  console.log(
    `  ${label}: wall median ${fmt(wall.median, 1)} ms (min ${fmt(wall.min, 1)}, max ${fmt(wall.max, 1)}); CPU median ${fmt(cpu.median, 1)} ms; target < ${fmt(TARGET_MS)} ms: ${verdict} (${fmt(TARGET_MS / Math.max(wall.median, 0.001), 1)}× under)`,
  );
  return { wallMs: wall.median, cpuMs: cpu.median, isMet: verdict === 'met' };
}

/** The check without I/O: configuration reading, flows, breaking rules and the stack policy in one format. */
async function benchCheck(servers, configText) {
  const byName = new Map(servers.map((server) => [server.id, server]));
  const reading = readClientConfig(configText, 'claude_desktop_config.json');
  // The catalogue stores classifications: classifying is not part of a check, so it happens once, untimed.
  const resolved = new Map(
    reading.servers.map((configured) => [
      serverKey(configured),
      {
        status: 'catalogue',
        serverId: configured.name,
        tools: resolveListedTools(byName.get(configured.name)?.tools ?? [], configured.name),
      },
    ]),
  );
  const once = () => {
    const check = checkStack([readClientConfig(configText, 'claude_desktop_config.json')], resolved);
    return { check, policy: exportStackPolicy(check.policies, 'json').text };
  };
  once();
  const trials = [];
  for (let trial = 0; trial < TRIALS; trial += 1) trials.push(await measure(once));
  const { check } = trials[0].result;
  console.log(
    `  stack: ${check.summary.servers} servers, ${check.summary.tools} tools, ${check.flows.length} flows (${check.summary.openFlows} open), ${check.rules.length} breaking rules`,
  );
  return report('readClientConfig + checkStack + stack policy', trials);
}

/** POST /v1/stacks/check end to end, on a catalogue holding the 50 servers. */
async function benchRequest(engine, servers, configText) {
  const { openTestDb } = await import('@toolrisk/db/testing');
  const { importToolsFiles } = await import('@toolrisk/crawler');
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli/testing');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const handle = await openTestDb(engine, { adminUrl });
  const dir = mkdtempSync(join(tmpdir(), 'toolrisk-bench-stack-'));
  try {
    const files = servers.map((server) => {
      const file = join(dir, `${server.id}.json`);
      const { tools, ...block } = server;
      writeFileSync(file, JSON.stringify({ server: block, tools }));
      return file;
    });
    const imported = await measure(() => importToolsFiles(handle.db, files));
    console.log(
      `  ${engine}: imported ${imported.result.files?.length ?? files.length} servers in ${fmt(imported.wallMs / 1000, 1)} s (setup, not timed)`,
    );
    const app = await buildApp({
      config: loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' }),
      db: handle.db,
      ping: handle.ping,
    });
    const payload = { files: [{ name: 'claude_desktop_config.json', text: configText }] };
    const once = async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/stacks/check', payload });
      if (response.statusCode !== 200)
        throw new Error(`POST /v1/stacks/check answered ${response.statusCode}`);
      return response.json();
    };
    const first = await once();
    const trials = [];
    for (let trial = 0; trial < TRIALS; trial += 1) trials.push(await measure(once));
    console.log(
      `  ${engine}: ${first.summary.matched}/${first.summary.servers} servers matched in the catalogue, ${first.summary.tools} tools, ${first.flows.length} flows`,
    );
    const figures = report(`POST /v1/stacks/check on ${engine}`, trials);
    // Where the request's time goes: the catalogue lookup of the 50 packages and their stored verdicts.
    const { resolveStack } = await import('@toolrisk/api');
    const reading = readClientConfig(configText, 'claude_desktop_config.json');
    const lookups = [];
    for (let trial = 0; trial < TRIALS; trial += 1)
      lookups.push(await measure(() => resolveStack(handle.db, [reading])));
    report(`  of which the catalogue lookup (resolveStack) on ${engine}`, lookups, true);
    const bytes = JSON.stringify(first).length;
    console.log(`  ${engine}: the answer is ${fmt(bytes / 1024)} KB of JSON`);
    await app.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.dispose();
  }
}

/** Prints the stack-check figures against the target. */
export async function run() {
  const { servers, configText } = buildStack();
  const [load1] = loadavg();
  console.log(
    `stack check: ${SERVERS} servers × ${TOOLS_PER_SERVER} tools (the seed catalogue's definitions), ${TRIALS} trials; load average ${fmt(load1 ?? 0, 1)} on ${cpus().length} cores`,
  );
  const check = await benchCheck(servers, configText);
  const results = { check, requests: {} };
  const engines =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  for (const engine of engines) results.requests[engine] = await benchRequest(engine, servers, configText);
  return results;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
