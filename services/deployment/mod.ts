/**
 * Running tipnet on this machine: the one bootstrap of a hub with leaves (startLocalHub: servers,
 * keys, the HUB connection, each state's inbox, hub services in this process if asked) that the
 * demo, the test fixture, the bench and the local deployment share; the local deployment of a
 * topology (`tipnet up`, the drill, end-to-end tests: keys on disk, the hub services as a child
 * process, a connection file per state); and the undo stack they clean up with.
 *
 * Exports: startLocalHub, startLocalDeployment, createDeploymentKeys, hubServicesProcess,
 * CleanupStack, provisionNodeAccess (a duty supervisor and an API token per node, secrets in a 0600
 * file) and their types.
 */
export { startLocalHub, type LocalHub, type LocalHubKeys, type LocalHubOptions } from './local-hub.ts';
export { hubServicesLogFile, startLocalDeployment, type LocalDeployment, type LocalDeploymentOptions, type StateConnection } from './local-deployment.ts';
export { createDeploymentKeys, type DeploymentKeys } from './deployment-keys.ts';
export { hubServicesProcess, type HubServicesProcess, type HubServicesSupervision } from './hub-services-process.ts';
export { CleanupStack } from './cleanup-stack.ts';
export { provisionNodeAccess, dutyOfficerRef, type NodeCredentialsFile } from './node-access-provisioning.ts';
export { DEPLOYMENT_FILE, readDeploymentDescription, writeDeploymentDescription, deploymentDescriptionSchema, type DeploymentDescription } from './deployment-description.ts';
