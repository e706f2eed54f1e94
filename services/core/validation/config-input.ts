// Start-up input: environment variables and JSON files, parsed once at the edge. Every problem is
// reported together in a ConfigurationError, and the result is frozen so inner code can trust it.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigurationError } from '../errors.ts';
import { locateJsonSyntaxError } from './json-syntax.ts';
import { parseWithProblems } from './zod-errors.ts';

/**
 * Parses environment variables with an object schema keyed by variable name (e.g.
 * `z.object({ TIPNET_STATE: ..., NATS_URL: z.url() })`). Problems name the variable, never its value.
 */
export function parseEnv<T>(
  schema: z.ZodType<T>, env: Readonly<Record<string, string | undefined>> = process.env, source = 'environment',
): Readonly<T> {
  const result = parseWithProblems(schema, { ...env });
  if (!result.ok) throw new ConfigurationError(source, result.problems);
  return freeze(result.data);
}

/** Reads and parses a JSON file; a missing file, a syntax error (with line and column) or a schema problem is a ConfigurationError. */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>): Readonly<T> {
  const source = `configuration file ${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(source, [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(source, [locateJsonSyntaxError(text, error)]);
  }
  const result = parseWithProblems(schema, json);
  if (!result.ok) throw new ConfigurationError(source, result.problems);
  return freeze(result.data);
}

function freeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}
