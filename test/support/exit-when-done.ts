// Once every test and hook of a file has finished, its process must end. In CI a browser test
// file passed every test and then stayed up until the file timeout (a handle that outlived its
// close), which failed the run; after the file's last hook this ends the process within a grace
// period, naming what was still open. The unref'd timer never keeps a healthy process alive.
import { after } from 'node:test';

export function exitWhenDone(graceMs = 10_000): void {
  after(() => {
    setTimeout(() => {
      console.error(`exitWhenDone: every test finished but the process stayed up ${graceMs} ms; still open: ${process.getActiveResourcesInfo().join(', ')}`);
      process.exit();
    }, graceMs).unref();
  });
}
