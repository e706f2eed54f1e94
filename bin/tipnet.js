#!/usr/bin/env node
// The `tipnet` command. Source is TypeScript run through tsx, so a clone works after `npm ci`
// with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../services/cli/mod.ts');
process.exitCode = await main(process.argv.slice(2));
