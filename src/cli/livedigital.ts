#!/usr/bin/env node
/**
 * `npx livedigital …`: the admin CLI (see `livedigital --help`). The only file of the CLI with side
 * effects at import: it is the program.
 */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
