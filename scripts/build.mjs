// Builds what `npm start` runs, each part only when its sources changed since its last build (or
// all with --force): the UIs (vite, into dist/ui) and the server (esbuild, one file
// dist/server/main.mjs, so a start loads one module instead of compiling some 250 TypeScript files;
// it starts in about a second instead of two and a half). A stamp of the sources' hashes sits
// beside each output, so a built machine starts at once and a fresh checkout or an upgrade still
// builds first. Plain JavaScript, so it runs without a loader.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');
const only = process.argv.includes('--ui') ? ['ui'] : process.argv.includes('--server') ? ['server'] : ['ui', 'server'];

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.parentPath.includes('node_modules'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

function hashOf(sources) {
  const hash = crypto.createHash('sha256').update(root);
  for (const file of sources.flatMap(files).sort()) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

/** Runs `build` when the sources' hash differs from the stamp's, then writes the stamp. */
async function whenChanged(stamp, sources, build) {
  const wanted = hashOf(sources);
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === wanted) return;
  await build();
  fs.writeFileSync(stamp, `${wanted}\n`);
}

// The bundle keeps each module's own place: import.meta.dirname and import.meta.url are the
// source file's (migrations, the UIs, fonts, the backup worker are found from there), so the
// bundle is built on the machine it runs on (the stamp includes the folder).
const keepPlace = {
  name: 'keep-place',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

if (only.includes('ui')) {
  await whenChanged(path.join(root, 'dist/ui/.build-stamp'), ['pos-ui', 'backoffice-ui', 'headoffice-ui', 'shared', 'vite.config.ts', 'svelte.config.js', 'tsconfig.json', 'package-lock.json'], () =>
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }),
  );
}
if (only.includes('server')) {
  const out = path.join(root, 'dist/server');
  fs.mkdirSync(out, { recursive: true });
  await whenChanged(path.join(out, '.build-stamp'), ['server', 'shared', 'drivers', 'prisma', 'scripts/build.mjs', 'package-lock.json'], async () => {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(root, 'server/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: path.join(out, 'main.mjs'),
      plugins: [keepPlace],
      logLevel: 'warning',
    });
  });
}
