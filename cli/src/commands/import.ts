// `toolrisk import FILE|DIR...`: import MCP tools/list documents idempotently, one transaction per server.
import { importToolsFiles } from '@toolrisk/crawler';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { readArgs, USAGE_EXIT_CODE, usageError } from './args.js';
import type { CliCommand, Command } from './io.js';
import { secondOpinionAfterStore } from './second-opinion.js';

const USAGE = 'usage: toolrisk import FILE|DIR...\n';

/** Imports every file; exits 1 if any file was refused (the others are still imported). */
const run: CliCommand = async (args, io) => {
  const parsed = readArgs(args, {});
  if (typeof parsed === 'string') return usageError(io, 'import', parsed, USAGE);
  const paths = parsed.positionals;
  if (paths.length === 0) {
    io.stderr(USAGE);
    return USAGE_EXIT_CODE;
  }
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config);
  try {
    const report = await importToolsFiles(handle.db, paths);
    for (const file of report.files) {
      if (file.failure) {
        io.stderr(`error: ${file.failure.code}: ${file.failure.message}\n`);
        continue;
      }
      const outcome = file.outcome;
      const warnings = file.issues.filter((issue) => issue.severity === 'warning');
      io.stdout(
        `${file.file}: server ${file.serverId}: ${outcome?.toolsNew ?? 0} new, ${outcome?.toolsChanged ?? 0} changed, ` +
          `${outcome?.toolsRemoved ?? 0} removed, ${outcome?.toolsUnchanged ?? 0} unchanged tools\n`,
      );
      for (const warning of warnings)
        io.stderr(`warning: ${file.file}: ${warning.path}: ${warning.message}\n`);
    }
    const stored = report.files.flatMap((file) =>
      file.serverId && file.outcome?.isChangedServer ? [file.serverId] : [],
    );
    await secondOpinionAfterStore(handle.db, config, io, { mode: 'interactive', serverIds: stored });
    const { counts } = report;
    io.stdout(
      `imported ${counts.serversSeen} of ${report.files.length} files (run ${report.runId}): ` +
        `${counts.serversNew} new servers, ${counts.toolsNew} new tools, ${counts.toolsChanged} changed, ` +
        `${counts.toolsRemoved} removed, ${counts.errors} refused\n`,
    );
    return counts.errors > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
};

/** The `import` command. */
export const importCommand: Command = { usage: USAGE, run };
