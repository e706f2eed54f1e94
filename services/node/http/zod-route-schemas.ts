// Route schemas written in zod: Fastify validates with them (every problem reported at once, in
// the same words as the rest of the node) and @fastify/swagger documents them as JSON Schema.
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { describeIssues, InputValidationError } from '../../core/mod.ts';

const PART_NAMES: Readonly<Record<string, string>> = { body: 'request body', querystring: 'query', params: 'request path', headers: 'request headers' };

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data) => {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { value: parsed.data };
  return { error: new InputValidationError(PART_NAMES[httpPart ?? 'body'] ?? String(httpPart), describeIssues(parsed.error)) };
};

export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** JSON Schema of a zod schema as a client sends it (input side), for the OpenAPI document. */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
