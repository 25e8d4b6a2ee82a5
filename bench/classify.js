// Classifier throughput: the shared catalogue repeated to ≥ 100,000 tools, against JSON.parse + JSON.stringify.
// Run with `node bench/classify.js` after `npx turbo run build --filter=@toolrisk/classifier`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyTool, readToolsDocument } from '@toolrisk/classifier';

const CATALOGUE = fileURLToPath(new URL('../crawler/seed/catalogue/', import.meta.url));
const TARGET_TOOLS = 100_000;

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

function timeMs(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Classifies ≥ 100,000 tools and prints tools/s, the ratio to JSON round-tripping and heap used. */
export async function run() {
  const servers = loadCatalogue();
  const perRound = servers.reduce((total, server) => total + server.tools.length, 0);
  const rounds = Math.ceil(TARGET_TOOLS / perRound);
  // Warm up the JIT on one round of each.
  for (const server of servers) for (const tool of server.tools) classifyTool(tool, server.context);
  let sink = 0;
  const classify = timeMs(() => {
    let count = 0;
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) {
        for (const tool of server.tools) {
          sink += classifyTool(tool, server.context).confidence;
          count += 1;
        }
      }
    }
    return count;
  });
  const json = timeMs(() => {
    let bytes = 0;
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) bytes += JSON.stringify(JSON.parse(server.text)).length;
    }
    return bytes;
  });
  const tools = classify.result;
  const toolsPerSecond = Math.round(tools / (classify.ms / 1000));
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(
    `classify: ${tools} tools (${perRound} × ${rounds}) in ${classify.ms.toFixed(0)} ms = ${toolsPerSecond} tools/s (target ≥ 50,000)`,
  );
  console.log(
    `JSON.parse+stringify of the same documents: ${json.ms.toFixed(0)} ms; ratio ${(classify.ms / json.ms).toFixed(2)} (target ≤ 5)`,
  );
  console.log(`heap used: ${heapMb.toFixed(1)} MB${sink < 0 ? ' ' : ''}`);
  return { tools, toolsPerSecond, ratio: classify.ms / json.ms, heapMb };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
