#!/usr/bin/env node
// Runs the local @vscode/vsce (offline) on an extension folder.
//   node scripts/vsce-package.js [extensionDir] [out.vsix]
// Defaults: this extension, ./policy-lsp-<version>.vsix. When a server binary
// is bundled in bin/, the .vsix is marked for this platform (e.g. linux-x64), or for
// $VSCE_TARGET when set.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const here = path.resolve(__dirname, '..');
const dir = path.resolve(process.argv[2] || here);
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const out = path.resolve(process.argv[3] || path.join(dir, `${pkg.name}-${pkg.version}.vsix`));
const vsce = require.resolve('@vscode/vsce/vsce', { paths: [here] });

const args = [vsce, 'package', '--out', out, '--allow-missing-repository', '--skip-license'];
if (process.env.VSCE_TARGET) {
  // The release workflow packages one .vsix per platform: linux-x64, darwin-arm64, win32-x64…
  args.push('--target', process.env.VSCE_TARGET);
} else if (fs.existsSync(path.join(dir, 'bin'))) {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  const plat = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (arch && plat) {
    args.push('--target', `${plat}-${arch}`);
  }
}
const r = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  process.exit(r.status ?? 1);
}
console.log(out);
