// `npm run bench`: every benchmark in this folder, one after the other, each printing its own figures.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = ['classify', 'stack', 'mcp', 'crawl', 'import', 'api', 'web', 'pages', 'embedded', 'outage'];
const only = process.argv.slice(2);

for (const name of BENCHES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (!existsSync(file)) continue;
  console.log(`\n== bench: ${name} ==`);
  const bench = await import(file);
  try {
    await bench.run();
  } catch (error) {
    // One bench that cannot run here (e.g. no PostgreSQL URL for the API bench) does not stop the others.
    console.log(`bench ${name} did not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
