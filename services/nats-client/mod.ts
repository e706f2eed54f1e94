/**
 * How tipnet's own processes (node, hub services, drill, CLI) connect to NATS: validated
 * connection settings (services/nats-config's natsConnectionSchema) turned into nats.js connect
 * options, with a password or an nkey seed file and TLS that trusts the deployment's CA.
 *
 * Exports: natsConnectOptions.
 */
export { natsConnectOptions, serverIdentityCheck } from './connect-options.ts';
