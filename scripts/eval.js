// `npm run eval [-- --llm] [--dir DIR | --all] [--json] [--no-misses]`: the classifier's deterministic eval, then with --llm
// the second-opinion eval. `-- --diff` and `-- --update-baseline` compare with or rewrite classifier/eval/baseline.json.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const withLlm = args.includes('--llm');
const rest = args.filter((arg) => arg !== '--llm');

/** Runs a command from the repo root with inherited output; returns its exit code. */
function run(command, argv) {
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

function main() {
  // The LLM eval runs through the toolrisk CLI (the one door to the environment), so it needs the api built.
  const target = withLlm ? '@toolrisk/cli' : '@toolrisk/classifier';
  const built = run('npx', ['turbo', 'run', 'build', `--filter=${target}`, '--output-logs=errors-only']);
  if (built !== 0) return built;
  const deterministic = run(process.execPath, ['classifier/dist/eval/cli.js', ...rest]);
  if (deterministic !== 0 || !withLlm) return deterministic;
  const dirAt = rest.indexOf('--dir');
  const dir = dirAt >= 0 && rest[dirAt + 1] !== undefined ? ['--dir', rest[dirAt + 1]] : [];
  process.stdout.write('\n');
  return run(process.execPath, ['cli/bin/toolrisk.js', 'second-opinion', '--eval', ...dir]);
}

process.exitCode = main();
