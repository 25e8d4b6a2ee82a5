// `toolrisk second-opinion [--batch] [--eval [--dir DIR]]`: the optional Claude pass over the catalogue, or its eval.
import { fileURLToPath } from 'node:url';
import {
  evaluateSecondOpinion,
  formatLlmEval,
  readLabelledSet,
  type SecondOpinionSettings,
  secondOpinionPass,
  secondOpinionSettings,
} from '@toolrisk/crawler';
import { openCatalogue } from '../catalogue.js';
import { type Config, loadConfig } from '../config.js';
import { readArgs, usageError } from './args.js';
import type { CliCommand, CliIo, Command } from './io.js';

const USAGE = 'usage: toolrisk second-opinion [--batch] [--eval [--dir DIR]]\n';
const DEV_SET = fileURLToPath(new URL('../../../classifier/eval/dev', import.meta.url));

/** Asks Claude about the catalogue's hard cases (or, with --eval, the dev set); without a key says the pass is off. */
const run: CliCommand = async (args, io) => {
  const parsed = readArgs(args, {
    batch: { type: 'boolean' },
    eval: { type: 'boolean' },
    dir: { type: 'string' },
  });
  if (typeof parsed === 'string') return usageError(io, 'second-opinion', parsed, USAGE);
  if (parsed.positionals.length > 0)
    return usageError(io, 'second-opinion', `unexpected argument "${parsed.positionals[0]}"`, USAGE);
  const isBatch = parsed.values.batch === true;
  const isEval = parsed.values.eval === true;
  const dir = parsed.values.dir ?? DEV_SET;
  const config = loadConfig(io.env);
  const settings = secondOpinionSettings(config.anthropic);
  if (settings === null) {
    io.stdout(
      isEval
        ? 'second opinion eval: the pass is off (ANTHROPIC_API_KEY is not set); the figures are deterministic only.\n'
        : 'second opinion: off (ANTHROPIC_API_KEY is not set); every classification stays deterministic.\n',
    );
    return 0;
  }
  const handle = await openCatalogue(config, { prepare: !isEval });
  try {
    const mode = isBatch ? 'batch' : 'interactive';
    return isEval
      ? await runEval(handle.db, settings, dir, mode, io)
      : await runPass(handle.db, settings, mode, io);
  } finally {
    await handle.close();
  }
};

/** Asks Claude about the catalogue's hard cases (or, with --eval, the dev set); without a key says the pass is off. */
export const secondOpinionCommand: Command = { usage: USAGE, run };

/**
 * After a command stored tools: when a key is configured, asks about the hard cases of those servers
 * (interactive for a few, the cheaper batch API for a crawl). Without a key it does nothing.
 */
export async function secondOpinionAfterStore(
  db: Parameters<typeof secondOpinionPass>[0],
  config: Readonly<Config>,
  io: CliIo,
  scope: { mode: 'batch' | 'interactive'; serverIds: readonly string[] },
): Promise<void> {
  const settings = secondOpinionSettings(config.anthropic);
  if (settings === null || scope.serverIds.length === 0) return;
  await runPass(db, settings, scope.mode, io, scope.serverIds);
}

async function runPass(
  db: Parameters<typeof secondOpinionPass>[0],
  settings: SecondOpinionSettings,
  mode: 'batch' | 'interactive',
  io: CliIo,
  serverIds?: readonly string[],
): Promise<number> {
  const report = await secondOpinionPass(db, settings, { mode, ...(serverIds ? { serverIds } : {}) });
  io.stdout(
    `second opinion (${settings.model}, ${mode}): ${report.candidates} classifications needed one; ` +
      `asked ${report.asked}, cached ${report.cacheHits}; ${report.agreed} agreed, ${report.changed} changed, ` +
      `${report.notApplied} not applied, ${report.fellBack} fell back to the rules; ` +
      `${report.inputTokens} input + ${report.outputTokens} output tokens (~$${report.costUsd.toFixed(4)})\n`,
  );
  return 0;
}

async function runEval(
  db: Parameters<typeof secondOpinionPass>[0],
  settings: SecondOpinionSettings,
  dir: string,
  mode: 'batch' | 'interactive',
  io: CliIo,
): Promise<number> {
  const { tools, problems } = readLabelledSet(dir);
  for (const problem of problems) io.stderr(`eval: ${problem}\n`);
  const report = await evaluateSecondOpinion(db, settings, tools, { mode });
  io.stdout(formatLlmEval(report));
  return 0;
}
