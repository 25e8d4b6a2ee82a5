// MCP benchmark: check_tool answered in-process (target: median ≤ 5 ms), on the seeded catalogue in an in-process PGlite.
// Two paths are timed: the tool handler itself (callMcpTool), and a full JSON-RPC round trip through the SDK's Client
// and Server over an in-memory transport. Run with `npm run bench -- mcp` (builds first); BENCH_MCP_CALLS sets how many
// calls each measurement makes (default 2,000).
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer } from '@toolrisk/api';
import { callMcpTool } from '@toolrisk/api/testing';
import { seedIfEmpty } from '@toolrisk/crawler';
import { createDb, listServers, listServerTools } from '@toolrisk/db';

const CALLS = Number(process.env.BENCH_MCP_CALLS ?? 2000);
const WARMUP = 200;
const TARGET_MEDIAN_MS = 5;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Times `call` once per argument set, round robin, after a warm-up; returns median, p90 and p99 in ms. */
async function measure(call, argumentSets) {
  for (let index = 0; index < WARMUP; index += 1) await call(argumentSets[index % argumentSets.length]);
  const times = [];
  for (let index = 0; index < CALLS; index += 1) {
    const args = argumentSets[index % argumentSets.length];
    const start = performance.now();
    const result = await call(args);
    times.push(performance.now() - start);
    if (result.isError) throw new Error(`check_tool failed: ${JSON.stringify(result.content)}`);
  }
  times.sort((a, b) => a - b);
  return { medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), p99Ms: quantile(times, 0.99) };
}

function format({ medianMs, p90Ms, p99Ms }) {
  return `median ${medianMs.toFixed(2)} ms, p90 ${p90Ms.toFixed(2)} ms, p99 ${p99Ms.toFixed(2)} ms`;
}

/** Measures check_tool (and check_server) in-process and prints the figures against the 5 ms target. */
export async function run() {
  const handle = await createDb({ dataDir: 'memory://' });
  await handle.migrate();
  await seedIfEmpty(handle.db);
  const deps = { db: handle.db };
  const client = new Client({ name: 'bench', version: '1' });
  try {
    const { servers } = await listServers(handle.db, { limit: 100 });
    const toolCalls = [];
    for (const server of servers) {
      for (const row of await listServerTools(handle.db, server.id)) {
        toolCalls.push({ server: server.id, tool: row.tool.name });
      }
    }
    const serverCalls = servers.map((server) => ({ server: server.id }));

    const direct = await measure((args) => callMcpTool(deps, 'check_tool', args), toolCalls);
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await createMcpServer(deps).connect(serverTransport);
    await client.connect(clientTransport);
    const roundTrip = await measure(
      (args) => client.callTool({ name: 'check_tool', arguments: args }),
      toolCalls,
    );
    const checkServer = await measure((args) => callMcpTool(deps, 'check_server', args), serverCalls);

    console.log(
      `catalogue: ${servers.length} servers, ${toolCalls.length} tools (seed), PGlite in-process; ${CALLS} calls each`,
    );
    console.log(`check_tool, tool handler:        ${format(direct)}`);
    console.log(`check_tool, SDK client round trip: ${format(roundTrip)}`);
    console.log(`check_server, tool handler:      ${format(checkServer)}`);
    const verdict = direct.medianMs <= TARGET_MEDIAN_MS ? 'meets' : 'MISSES';
    console.log(
      `check_tool median ${direct.medianMs.toFixed(2)} ms ${verdict} the ${TARGET_MEDIAN_MS} ms target`,
    );
    if (direct.medianMs > TARGET_MEDIAN_MS) process.exitCode = 1;
    return { direct, roundTrip, checkServer };
  } finally {
    await client.close();
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
