// `toolrisk import FILE|DIR...`: import MCP tools/list documents idempotently, one transaction per server.
import { importToolsFiles } from '@toolrisk/crawler';
import { loadConfig } from '../config.js';
import { openCatalogue } from '../runtime.js';
import type { CliCommand } from './io.js';
import { secondOpinionAfterStore } from './second-opinion.js';

/** Imports every file; exits 1 if any file was refused (the others are still imported). */
export const importCommand: CliCommand = async (args, io) => {
  const paths = args.filter((arg) => !arg.startsWith('-'));
  if (paths.length === 0) {
    io.stderr('usage: toolrisk import FILE|DIR...\n');
    return 2;
  }
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config);
  try {
    const report = await importToolsFiles(handle.db, paths);
    for (const file of report.files) {
      if (file.failure) {
        io.stderr(`error: ${file.failure.message}\n`);
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
