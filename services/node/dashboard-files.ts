// The dashboard's three static files, served from memory: read once at start, no build step.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

export type DashboardFiles = ReadonlyMap<string, { readonly body: Buffer; readonly contentType: string }>;

export async function loadDashboardFiles(folder = fileURLToPath(new URL('./dashboard/', import.meta.url))): Promise<DashboardFiles> {
  const files = new Map<string, { body: Buffer; contentType: string }>();
  for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
    files.set(`/${name}`, { body: await readFile(join(folder, name)), contentType });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
