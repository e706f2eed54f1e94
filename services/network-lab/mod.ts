// Network lab: simulated hosts on one Linux machine (a network namespace each, veth pairs and a
// bridge), with links that can be cut and healed, for tests and drills that must cross real
// links between separate addresses. Exports NetworkLab, removeStaleLabs and the pure plan helpers.
export { NetworkLab, NetworkLabError, removeStaleLabs } from './network-lab.ts';
export { freeSubnet, LAB_PREFIX, ownerPidOf, planLab, runIdOf, type LabHost, type LabPlan } from './lab-plan.ts';
