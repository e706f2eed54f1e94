import { execFile } from 'node:child_process';

export type ContainerEngineStatus = { readonly available: true } | { readonly available: false; readonly reason: string };

const probeTimeoutMs = 5_000;

/** Whether a Docker-compatible engine answers `docker info`; the reason says why not. */
export function detectContainerEngine(): Promise<ContainerEngineStatus> {
  return new Promise((resolve) => {
    execFile('docker', ['info'], { timeout: probeTimeoutMs }, (error, _stdout, stderr) => {
      if (!error) return resolve({ available: true });
      const detail = stderr.trim().split('\n').at(-1) || error.message;
      resolve({ available: false, reason: `\`docker info\` failed: ${detail}` });
    });
  });
}
