// Classifier throughput: the shared catalogue repeated to ≥ 100,000 tools, against JSON.parse + JSON.stringify of
// the same documents the same number of times. Run with `node bench/classify.js` after
// `npx turbo run build --filter=@toolrisk/classifier`; on a shared machine pin it to one core
// (`taskset -c 0 node bench/classify.js`). Several trials, each timing both sides back to back, so that a burst of
// load from other processes hits one trial's pair rather than one side; min/median are reported, in wall time and
// in CPU time of this process (which other processes on the core do not inflate).
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { classifyTool, readToolsDocument } from '@toolrisk/classifier';

const CATALOGUE = fileURLToPath(new URL('../crawler/seed/catalogue/', import.meta.url));
const TARGET_TOOLS = 100_000;
const TRIALS = Number(process.argv[2] ?? 5) || 5;

function loadCatalogue() {
  const texts = readdirSync(CATALOGUE)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readFileSync(`${CATALOGUE}${file}`, 'utf8'));
  return texts.map((text) => {
    const document = readToolsDocument(JSON.parse(text));
    const tools = document.entries.map((entry) => entry.tool).filter((tool) => tool !== null);
    return { text, tools, context: { ...document.server, siblings: tools } };
  });
}

function cpuMs(usage) {
  return (usage.user + usage.system) / 1000;
}

function measure(fn) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { wallMs, cpuMs: cpuMs(process.cpuUsage(cpu)), result };
}

function classifyAll(servers, rounds) {
  let count = 0;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      for (const tool of server.tools) {
        sink += classifyTool(tool, server.context).confidence;
        count += 1;
      }
    }
  }
  return { count, sink };
}

function roundTripAll(servers, rounds) {
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) bytes += JSON.stringify(JSON.parse(server.text)).length;
  }
  return bytes;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}

function fmt(value, digits = 0) {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Classifies ≥ 100,000 tools per trial and prints tools/s, the ratio to JSON round-tripping and heap used. */
export async function run() {
  const servers = loadCatalogue();
  const perRound = servers.reduce((total, server) => total + server.tools.length, 0);
  const rounds = Math.ceil(TARGET_TOOLS / perRound);
  // Warm up the JIT on one round of each.
  classifyAll(servers, 1);
  roundTripAll(servers, 1);
  const heapBefore = process.memoryUsage().heapUsed;
  const trials = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const classify = measure(() => classifyAll(servers, rounds));
    const json = measure(() => roundTripAll(servers, rounds));
    trials.push({ tools: classify.result.count, classify, json });
  }
  const tools = trials[0]?.tools ?? 0;
  const wallRate = stats(trials.map((t) => t.tools / (t.classify.wallMs / 1000)));
  const cpuRate = stats(trials.map((t) => t.tools / (t.classify.cpuMs / 1000)));
  const wallRatio = stats(trials.map((t) => t.classify.wallMs / t.json.wallMs));
  const cpuRatio = stats(trials.map((t) => t.classify.cpuMs / t.json.cpuMs));
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const [load1] = loadavg();
  console.log(
    `classify: ${fmt(tools)} tools (${perRound} × ${rounds}) per trial, ${TRIALS} trials; load average ${fmt(load1 ?? 0, 1)} on ${cpus().length} cores, ${availableParallelism()} available to this process`,
  );
  console.log(
    `  tools/s, wall: min ${fmt(wallRate.min)}, median ${fmt(wallRate.median)}, max ${fmt(wallRate.max)} (target ≥ 50,000)`,
  );
  console.log(
    `  tools/s, CPU:  min ${fmt(cpuRate.min)}, median ${fmt(cpuRate.median)}, max ${fmt(cpuRate.max)}`,
  );
  console.log(
    `ratio to JSON.parse+stringify of the same documents, same repetitions: wall median ${fmt(wallRatio.median, 2)} (min ${fmt(wallRatio.min, 2)}), CPU median ${fmt(cpuRatio.median, 2)} (min ${fmt(cpuRatio.min, 2)}) (target ≤ 2, the classifier issue)`,
  );
  console.log(
    `heap used: ${fmt(heapMb, 1)} MB (${fmt((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 1)} MB more than after warm-up)`,
  );
  const sink = trials.reduce((total, t) => total + t.classify.result.sink, 0);
  if (Number.isNaN(sink)) console.log('(sink)');
  return {
    tools,
    toolsPerSecond: Math.round(wallRate.median),
    toolsPerCpuSecond: Math.round(cpuRate.median),
    ratio: wallRatio.median,
    heapMb,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
