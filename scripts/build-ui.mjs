// Builds the UIs when their sources changed since the last build (or with --force): a stamp of
// the sources' hashes is kept in dist/ui, so `npm start` on a built machine starts at once and a
// fresh checkout or an upgrade still builds first. Plain JavaScript, so it runs without a loader.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SOURCES = ['pos-ui', 'backoffice-ui', 'headoffice-ui', 'shared', 'vite.config.ts', 'svelte.config.js', 'tsconfig.json', 'package-lock.json'];
const STAMP = path.join(root, 'dist/ui/.build-stamp');

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.parentPath.includes('node_modules'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

function sourcesHash() {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES.flatMap(files).sort()) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const wanted = sourcesHash();
const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null;
if (process.argv.includes('--force') || built !== wanted) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(STAMP, `${wanted}\n`);
}
