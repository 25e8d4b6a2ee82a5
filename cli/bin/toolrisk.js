#!/usr/bin/env node
// The `toolrisk` command: a thin shim so the bin link exists before the first build; it runs the package's entry.
import { runCli } from '@toolrisk/cli';

process.exitCode = await runCli(process.argv.slice(2));
