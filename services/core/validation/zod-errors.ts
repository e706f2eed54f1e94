// Turns zod issues into lines an operator can act on: "<field path>: <rule in plain words>".
// Messages never repeat the rejected value (it may be a passport or phone number); they name the
// field, the rule and, for closed sets, the allowed values.
import { z } from 'zod';

export interface DescribeOptions {
  /** Write object keys in snake_case, as the .proto files name them (for decoded protobuf messages). */
  readonly snakeCase?: boolean;
}

/** One line per issue; unknown keys of a strict object get one line each, under their own name. */
export function describeIssues(error: z.ZodError, root?: string, options: DescribeOptions = {}): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${formatPath(root, [...issue.path, key], options)}: is not a known field (check its spelling)`);
    }
    return [`${formatPath(root, issue.path, options)}: ${issue.message}`];
  });
}

export function formatIssues(error: z.ZodError, root?: string, options?: DescribeOptions): string {
  return describeIssues(error, root, options).join('; ');
}

/** `envelope.distribution.states[1]` from a root and a zod path. */
export function formatPath(root: string | undefined, path: readonly PropertyKey[], options: DescribeOptions = {}): string {
  let text = root ?? '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const name = options.snakeCase ? toSnakeCase(String(segment)) : String(segment);
      text += text === '' ? name : `.${name}`;
    }
  }
  return text === '' ? '(input)' : text;
}

function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Per-parse error map for zod's built-in checks. It sees the raw input, which is how "missing"
 * and "wrong type" are told apart, but it only ever reports the input's type, never its value.
 * Messages written on a schema (custom rules) take precedence over it.
 */
export const plainErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${withArticle(issue.expected)} (got ${typeName(issue.input)})`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive ?? true, issue.exact ?? false);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive ?? true, issue.exact ?? false);
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? `must be a valid ${issue.format}`;
    case 'invalid_value':
      return oneOf(issue.values, issue.input);
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return oneOf(issue.options, issue.input);
      return issue.input === undefined ? 'is required' : 'does not match any of the allowed shapes';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an element that is not allowed';
    default:
      return undefined;
  }
};

/** safeParse with plain-words messages; problems are already formatted lines. */
export function parseWithProblems<T>(
  schema: z.ZodType<T>, input: unknown, root?: string, options?: DescribeOptions,
): { ok: true; data: T } | { ok: false; problems: string[] } {
  const result = schema.safeParse(input, { error: plainErrorMap });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: describeIssues(result.error, root, options) };
}

const FORMAT_WORDS: Record<string, string> = {
  uuid: 'must be a UUID (8-4-4-4-12 hexadecimal digits with dashes)',
  guid: 'must be a UUID (8-4-4-4-12 hexadecimal digits with dashes)',
  datetime: 'must be an ISO 8601 date and time with a UTC offset (e.g. 2026-11-18T08:00:00+07:00)',
  regex: 'has the wrong format',
  email: 'must be an e-mail address',
  url: 'must be a URL',
};

function oneOf(values: readonly unknown[], input: unknown): string {
  const list = values.map((value) => JSON.stringify(value)).join(', ');
  return input === undefined ? `is required (one of ${list})` : `must be one of ${list}`;
}

function tooSmall(origin: string, minimum: number, inclusive: boolean, exact: boolean): string {
  if (origin === 'string') {
    if (exact) return `must be exactly ${minimum} characters long`;
    return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
  }
  if (origin === 'array' || origin === 'set') {
    if (exact) return `must list exactly ${minimum} items`;
    return minimum <= 1 ? 'must list at least one item' : `must list at least ${minimum} items`;
  }
  return inclusive ? `must be at least ${minimum}` : `must be greater than ${minimum}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, exact: boolean): string {
  if (origin === 'string') return exact ? `must be exactly ${maximum} characters long` : `must be at most ${maximum} characters long`;
  if (origin === 'array' || origin === 'set') return exact ? `must list exactly ${maximum} items` : `must list at most ${maximum} items`;
  return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
}

function withArticle(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}
