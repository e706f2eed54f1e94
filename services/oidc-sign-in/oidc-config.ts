// The `oidc` block of a node's configuration file: which identity provider a ministry runs, how
// the node is registered there, and which claims carry an officer's role, unit and reference.
// Parsed once at start with every problem reported together (README.md documents each field).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../core/mod.ts';
import { isLoopbackHost, transportProblem } from './issuer-transport.ts';

/**
 * The node's roles, as its local accounts name them. Declared here rather than imported so that
 * sign-in depends on nothing above core; the words are the contract with the node's accounts.
 */
export type NodeRole = 'officer' | 'supervisor' | 'auditor';
const NODE_ROLES = ['officer', 'supervisor', 'auditor'] as const satisfies readonly NodeRole[];

export const CALLBACK_PATH = '/auth/oidc/callback';

const claimName = z.string().min(1).max(200);
const scopeToken = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** A space-separated string ("openid profile", as on the wire) or a list of scope words. */
const scopesSchema = z.union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(' ')).filter((scope) => scope !== ''))
  .pipe(z.array(z.string().regex(scopeToken, 'must be scope words without spaces or quotes'))
    .refine((scopes) => scopes.includes('openid'), 'must include "openid"'));

const redirectUriSchema = z.url().refine((value) => {
  const url = new URL(value);
  return url.pathname.endsWith(CALLBACK_PATH) && url.search === '' && url.hash === '';
}, `must be the node's own ${CALLBACK_PATH} URL, without query or fragment`).refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}, 'must be https (plain http only on a loopback address): the authorisation code travels in it');

export const oidcConfigSchema = z.strictObject({
  /** The provider's issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: z.url().refine((value) => !value.includes('?') && !value.includes('#'), 'must be an issuer identifier, without query or fragment'),
  clientId: z.string().min(1).max(500),
  /** A file holding the client secret (trailing newline ignored): secrets never sit in config. */
  clientSecretFile: z.string().min(1),
  /** How the node authenticates to the token endpoint, as registered at the provider. */
  clientAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  redirectUri: redirectUriSchema,
  scopes: scopesSchema.default(['openid', 'profile']),
  roleClaim: claimName.default('tipnet_role'),
  /** Claim value → node role; values not listed here are refused. */
  roleMap: z.record(z.string().min(1).max(200), z.enum(NODE_ROLES))
    .refine((map) => Object.keys(map).length > 0, 'must map at least one claim value to a role')
    .default({ officer: 'officer', supervisor: 'supervisor', auditor: 'auditor' }),
  unitClaim: claimName.default('tipnet_unit'),
  /** Falls back to `sub` when the provider does not release this claim at all. */
  officerClaim: claimName.default('preferred_username'),
  /** Only for a test provider on a loopback address; never in production. */
  allowHttpIssuer: z.boolean().default(false),
}).superRefine((config, context) => {
  if (!URL.canParse(config.issuer)) return;
  const problem = transportProblem(new URL(config.issuer), config.allowHttpIssuer === true);
  if (problem) context.addIssue({ code: 'custom', path: ['issuer'], message: problem });
});

export type OidcConfig = z.output<typeof oidcConfigSchema>;
export type OidcConfigInput = z.input<typeof oidcConfigSchema>;

/** Reads the client secret named by `clientSecretFile`; a missing or empty file is a ConfigurationError. */
export async function readClientSecretFile(path: string): Promise<string> {
  const source = `OIDC client secret file ${path}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(source, [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`]);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '' || /[\r\n]/.test(secret)) throw new ConfigurationError(source, ['must hold the secret on one line']);
  return secret;
}
