// The dashboard's static files, served from memory: read once at start, no build step. The page,
// its ES modules (js/), and the offline map: world-atlas's countries and topojson-client's ES
// modules from node_modules, so nothing is fetched from anywhere but this node at run time.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export type DashboardFiles = ReadonlyMap<string, { readonly body: Buffer; readonly contentType: string }>;

const packageFolder = (name: string): string => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/** url path -> file on disk: the dashboard folder as it is, and the two map packages under /dashboard/. */
async function dashboardFileList(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !CONTENT_TYPES[extname(entry.name)]) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`/${path.slice(folder.length).replace(/^\/+/, '').split('\\').join('/')}`, path);
  }
  files.set('/dashboard/map/countries-50m.json', join(packageFolder('world-atlas'), 'countries-50m.json'));
  const topojson = join(packageFolder('topojson-client'), 'src');
  for (const name of await readdir(topojson)) {
    if (name.endsWith('.js')) files.set(`/dashboard/vendor/topojson-client/${name}`, join(topojson, name));
  }
  return files;
}

export async function loadDashboardFiles(folder = fileURLToPath(new URL('./dashboard/', import.meta.url))): Promise<DashboardFiles> {
  const files = new Map<string, { body: Buffer; contentType: string }>();
  for (const [urlPath, path] of await dashboardFileList(folder)) {
    files.set(urlPath, { body: await readFile(path), contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
