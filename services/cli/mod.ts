// Public entry of the `tipnet` command line, launched by bin/tipnet.js. Exports main (argv in,
// exit code out) and the table of commands, which the help text and the tests read.
export { main, COMMANDS } from './main.ts';
