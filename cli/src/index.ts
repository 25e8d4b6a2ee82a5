// @toolrisk/cli: the composition root. It reads the configuration once and wires the catalogue, crawler and app;
// its entry is the program itself (bin/toolrisk.js runs it).

export { runCli } from './cli.js';
