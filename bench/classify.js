// Classifier throughput: the shipped catalogue classified over and over to ≥ 100,000 tools per trial, against
// JSON.parse + JSON.stringify of the same documents the same number of times (the classifier issue's target: within
// 2×). Run with `node bench/classify.js [TRIALS]` after `npx turbo run build --filter=@toolrisk/classifier`.
//
// Built for a shared, loaded machine: each trial interleaves the two sides round by round (one pass over the
// catalogue each, the order swapped every round), so a burst of load from other processes hits both sides alike
// rather than one trial's side; each side is timed in CPU time of this process (`process.cpuUsage`, which time spent
// waiting for a core does not inflate) as well as wall time; and the figures are medians over the trials, with the
// per-tool times in µs beside the ratios so a slow machine shows as slow rather than as a changed ratio.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { classifyTool, readToolsDocument, serverContextOf } from '@toolrisk/classifier';

const CATALOGUE = fileURLToPath(new URL('../crawler/seed/catalogue/', import.meta.url));
const TARGET_TOOLS = 100_000;
const TRIALS = Number(process.argv[2] ?? 7) || 7;
const WARM_UP_ROUNDS = 5;

function loadCatalogue() {
  const texts = readdirSync(CATALOGUE)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readFileSync(`${CATALOGUE}${file}`, 'utf8'));
  return texts.map((text) => {
    const document = readToolsDocument(JSON.parse(text));
    const tools = document.entries.map((entry) => entry.tool).filter((tool) => tool !== null);
    // The context every path classifies with (CLI, API, import, crawl, eval).
    return { text, tools, context: serverContextOf(document.server, tools) };
  });
}

function classifyRound(servers) {
  let sink = 0;
  for (const server of servers) {
    for (const tool of server.tools) sink += classifyTool(tool, server.context).confidence;
  }
  return sink;
}

function roundTripRound(servers) {
  let bytes = 0;
  for (const server of servers) bytes += JSON.stringify(JSON.parse(server.text)).length;
  return bytes;
}

/** CPU and wall time of one call, in µs. */
function timed(fn, servers, totals) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn(servers);
  totals.wallUs += Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  totals.cpuUs += used.user + used.system;
  return result;
}

function trial(servers, rounds) {
  const classify = { cpuUs: 0, wallUs: 0 };
  const json = { cpuUs: 0, wallUs: 0 };
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      sink += timed(classifyRound, servers, classify);
      sink += timed(roundTripRound, servers, json);
    } else {
      sink += timed(roundTripRound, servers, json);
      sink += timed(classifyRound, servers, classify);
    }
  }
  return { classify, json, sink };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function fmt(value, digits = 0) {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function line(label, { median: mid, min, max }, digits, note = '') {
  return `  ${label.padEnd(36)}median ${fmt(mid, digits)} (min ${fmt(min, digits)}, max ${fmt(max, digits)})${note}`;
}

/** Classifies ≥ 100,000 tools per trial and prints µs/tool, tools/s and the ratio to JSON round-tripping. */
export async function run() {
  const servers = loadCatalogue();
  const perRound = servers.reduce((total, server) => total + server.tools.length, 0);
  const rounds = Math.ceil(TARGET_TOOLS / perRound);
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    classifyRound(servers);
    roundTripRound(servers);
  }
  const [loadBefore = 0] = loadavg();
  const heapBefore = process.memoryUsage().heapUsed;
  const trials = [];
  for (let index = 0; index < TRIALS; index++) trials.push(trial(servers, rounds));
  const [loadAfter = 0] = loadavg();
  const tools = perRound * rounds;
  const perTool = (side, key) => trials.map((t) => t[side][key] / tools);
  const classifyCpu = spread(perTool('classify', 'cpuUs'));
  const jsonCpu = spread(perTool('json', 'cpuUs'));
  const classifyWall = spread(perTool('classify', 'wallUs'));
  const jsonWall = spread(perTool('json', 'wallUs'));
  const cpuRatio = spread(trials.map((t) => t.classify.cpuUs / t.json.cpuUs));
  const wallRatio = spread(trials.map((t) => t.classify.wallUs / t.json.wallUs));
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(
    `classify: ${fmt(tools)} tools (${perRound} × ${rounds}) per trial, ${TRIALS} trials, both sides interleaved round by round; load average ${fmt(loadBefore, 1)} → ${fmt(loadAfter, 1)} on ${cpus().length} cores (${availableParallelism()} available)`,
  );
  console.log(line('classify, CPU µs/tool:', classifyCpu, 2));
  console.log(line('JSON parse+stringify, CPU µs/tool:', jsonCpu, 2));
  console.log(line('classify, wall µs/tool:', classifyWall, 2));
  console.log(line('JSON parse+stringify, wall µs/tool:', jsonWall, 2));
  console.log(
    line(
      'classify, tools per CPU second:',
      spread(perTool('classify', 'cpuUs').map((us) => 1e6 / us)),
      0,
      ' (target ≥ 50,000)',
    ),
  );
  console.log(
    `ratio to JSON.parse+stringify of the same documents: CPU median ${fmt(cpuRatio.median, 2)} (min ${fmt(cpuRatio.min, 2)}, max ${fmt(cpuRatio.max, 2)}), wall median ${fmt(wallRatio.median, 2)} (min ${fmt(wallRatio.min, 2)}, max ${fmt(wallRatio.max, 2)}) (target ≤ 2, the classifier issue)`,
  );
  console.log(
    `heap used: ${fmt(heapMb, 1)} MB (${fmt((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 1)} MB more than after warm-up)`,
  );
  const sink = trials.reduce((total, t) => total + t.sink, 0);
  if (Number.isNaN(sink)) console.log('(sink)');
  return {
    tools,
    cpuUsPerTool: classifyCpu.median,
    jsonCpuUsPerTool: jsonCpu.median,
    toolsPerCpuSecond: Math.round(1e6 / classifyCpu.median),
    cpuRatio: cpuRatio.median,
    ratio: wallRatio.median,
    heapMb,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
