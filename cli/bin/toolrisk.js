#!/usr/bin/env node
// The `toolrisk` command: a thin shim so the bin link exists before the first build.
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
