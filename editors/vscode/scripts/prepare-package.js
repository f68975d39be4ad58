#!/usr/bin/env node
// Copies what the .vsix bundles from the rest of the repository:
//  - ../../lexicon/lexicon.schema.json -> schemas/lexicon.schema.json
//    (a permissive stand-in is written when the repository has none yet);
//  - the server binary -> bin/policy-lsp, from $POLICY_LSP_BIN or
//    ../../target/release/policy-lsp, when it exists (POLICY_LSP_BUNDLE=0 skips it).
'use strict';
const fs = require('fs');
const path = require('path');

const ext = path.resolve(__dirname, '..');
const repo = path.resolve(ext, '..', '..');
const exe = process.platform === 'win32' ? 'policy-lsp.exe' : 'policy-lsp';

const schemaSrc = path.join(repo, 'lexicon', 'lexicon.schema.json');
const schemaDst = path.join(ext, 'schemas', 'lexicon.schema.json');
fs.mkdirSync(path.dirname(schemaDst), { recursive: true });
if (fs.existsSync(schemaSrc)) {
  fs.copyFileSync(schemaSrc, schemaDst);
  console.log(`schema: ${path.relative(repo, schemaSrc)} -> ${path.relative(repo, schemaDst)}`);
} else {
  fs.writeFileSync(
    schemaDst,
    JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'policy-lsp lexicon',
        description: 'Stand-in: this build of the extension was packaged without lexicon/lexicon.schema.json.',
        type: 'object',
      },
      null,
      2,
    ) + '\n',
  );
  console.log('schema: lexicon/lexicon.schema.json not found, bundling a permissive stand-in');
}

const binDir = path.join(ext, 'bin');
fs.rmSync(binDir, { recursive: true, force: true });
const binSrc = process.env.POLICY_LSP_BIN || path.join(repo, 'target', 'release', exe);
if (process.env.POLICY_LSP_BUNDLE === '0') {
  console.log('server: not bundled (POLICY_LSP_BUNDLE=0)');
} else if (fs.existsSync(binSrc)) {
  fs.mkdirSync(binDir, { recursive: true });
  const dst = path.join(binDir, exe);
  fs.copyFileSync(binSrc, dst);
  fs.chmodSync(dst, 0o755);
  console.log(`server: bundled ${binSrc} -> ${path.relative(repo, dst)}`);
} else {
  console.log(`server: ${binSrc} not found, packaging without a bundled server (PATH or policyLsp.path is used)`);
}
