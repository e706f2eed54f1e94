/**
 * The foundation demo (`tipnet demo`, `npm start`): one signed rescue request from IDN to KHM
 * through a local hub, with the hub's receipt back to IDN, printed step by step.
 *
 * Exports: runDemo, DemoResult, demoAlertFields (the demo's alert, also used by tests).
 */
export { runDemo, type DemoResult } from './run-demo.ts';
export { demoAlertFields } from './demo-alert.ts';
