#!/usr/bin/env node
// End-to-end test of the Policy LSP extension in real VS Code (code-server)
// driven by headless Debian chromium through playwright-core.
//
//   node e2e/run.js
//
// Environment:
//   CODE_SERVER      code-server entry (default: .ci-cache/code-server-4.100.3/node_modules/code-server/out/node/entry.js)
//   POLICY_LSP_BIN   server binary given to the extension through policyLsp.path
//                    (default: <repo>/target/release/policy-lsp; "bundled" = use the .vsix's bin/)
//   POLICY_VSIX      extension package (default: editors/vscode/policy-lsp-<version>.vsix)
//   POLICY_SEED      document to open (default: <repo>/seeds/000_aeb186bd1e0d189c.txt)
//   CHROMIUM         browser (default: /usr/bin/chromium)
//   E2E_TIMEOUT_MS   overall deadline for the driver's verdict (default 180000)
//   E2E_KEEP=1       keep the temporary directory (it is also kept on failure)
//   E2E_SCREENSHOT   on success, save a screenshot of the workbench there
// Exit 0 when the driver extension reports success, 1 otherwise.
'use strict';
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn, spawnSync } = require('child_process');

const ext = path.resolve(__dirname, '..');
const repo = path.resolve(ext, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));

const codeServer =
  process.env.CODE_SERVER ||
  path.join(repo, '.ci-cache', 'code-server-4.100.3', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const serverBin = process.env.POLICY_LSP_BIN || path.join(repo, 'target', 'release', 'policy-lsp');
const vsix = process.env.POLICY_VSIX || path.join(ext, `${pkg.name}-${pkg.version}.vsix`);
const seed = process.env.POLICY_SEED || path.join(repo, 'seeds', '000_aeb186bd1e0d189c.txt');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 180000);

const t0 = Date.now();
const stamp = () => `[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`;
const log = (...a) => console.log(stamp(), ...a);

function fail(msg) {
  console.error(stamp(), 'FAIL:', msg);
  process.exitCode = 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when `pred(text)` is true for the process output, rejects on exit or deadline. */
function waitForOutput(child, pred, ms, what) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d) => {
      buf += d.toString();
      if (pred(buf)) {
        done(resolve, buf);
      }
    };
    const onExit = (code) => done(reject, new Error(`code-server exited (${code}) before ${what}:\n${buf.slice(-3000)}`));
    const timer = setTimeout(() => done(reject, new Error(`timed out after ${ms} ms waiting for ${what}:\n${buf.slice(-3000)}`)), ms);
    function done(fn, v) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      fn(v);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Resolves with the parsed result file once it appears (fs.watch plus a slow poll as a safety net). */
function waitForResult(file, ms, abortSignal) {
  return new Promise((resolve, reject) => {
    const dir = path.dirname(file);
    let watcher;
    let poll;
    let timer;
    const finish = (fn, v) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (watcher) watcher.close();
      fn(v);
    };
    const probe = () => {
      if (fs.existsSync(file)) {
        try {
          finish(resolve, JSON.parse(fs.readFileSync(file, 'utf8')));
        } catch (e) {
          finish(reject, e);
        }
      }
    };
    watcher = fs.watch(dir, probe);
    poll = setInterval(probe, 1000);
    timer = setTimeout(() => finish(reject, new Error(`no result from the driver extension after ${ms} ms`)), ms);
    abortSignal.then((err) => finish(reject, err));
    probe();
  });
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180000, ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function main() {
  for (const [what, p] of [
    ['code-server (run e2e/install-code-server.sh)', codeServer],
    ['the .vsix (run npm run package)', vsix],
    ['the seed', seed],
    ['chromium (apt-get install chromium)', chromiumPath],
  ]) {
    if (!fs.existsSync(p)) {
      throw new Error(`missing ${what}: ${p}`);
    }
  }
  const useBundled = serverBin === 'bundled';
  if (!useBundled && !fs.existsSync(serverBin)) {
    throw new Error(`missing server binary ${serverBin} (cargo build --release, or set POLICY_LSP_BIN)`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-e2e-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    workspace: path.join(tmp, 'workspace'),
    chrome: path.join(tmp, 'chrome-profile'),
  };
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  const resultFile = path.join(tmp, 'result.json');
  const document = path.join(dirs.workspace, path.basename(seed));
  fs.copyFileSync(seed, document);
  // The driver writes these last (invalid on purpose, to see the bundled schemas at work);
  // the lexicon one only when the real schema was bundled.
  const configJson = path.join(dirs.workspace, '.policy-lsp', 'config.json');
  const lexiconJson = fs.existsSync(path.join(repo, 'lexicon', 'lexicon.schema.json'))
    ? path.join(dirs.workspace, '.policy-lsp', 'lexicon.json')
    : null;
  const configFile = path.join(tmp, 'driver-config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({ resultFile, document, configJson, lexiconJson, serverPath: useBundled ? null : path.resolve(serverBin), timeoutMs: Math.max(30000, timeoutMs - 30000) }, null, 2),
  );
  // Fallback for the driver in case the extension host does not inherit our environment.
  fs.writeFileSync(path.join(dirs.workspace, '.policy-e2e.json'), fs.readFileSync(configFile));
  log(`temp dir ${tmp}`);

  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace: nothing to reach
    POLICY_E2E_CONFIG: configFile,
    HOME: tmp, // keep code-server's ~/.config and ~/.local out of the real home
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
  };
  const base = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  // Driver extension .vsix, then install both.
  const driverVsix = path.join(tmp, 'policy-lsp-e2e-driver.vsix');
  run(process.execPath, [path.join(ext, 'scripts', 'vsce-package.js'), path.join(__dirname, 'driver-extension'), driverVsix], { cwd: ext });
  for (const v of [vsix, driverVsix]) {
    const out = run(process.execPath, [codeServer, ...base, '--install-extension', v], { env });
    log(`installed ${path.basename(v)}: ${out.trim().split('\n').pop()}`);
  }
  log('extensions installed');

  const settings = {
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'git.enabled': false,
    'policyLsp.trace.server': 'messages',
  };
  if (!useBundled) {
    settings['policyLsp.path'] = path.resolve(serverBin);
  }
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const port = await freePort();
  const cs = spawn(
    process.execPath,
    [
      codeServer,
      ...base,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      '--log', 'info',
      dirs.workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const csLog = fs.createWriteStream(path.join(tmp, 'code-server.log'));
  cs.stdout.pipe(csLog);
  cs.stderr.pipe(csLog);
  let browser;
  let ok = false;
  try {
    await waitForOutput(cs, (s) => /HTTP server listening on/.test(s), 60000, 'code-server to listen');
    log(`code-server listening on 127.0.0.1:${port}`);

    const { chromium } = require('playwright-core');
    browser = await chromium.launchPersistentContext(dirs.chrome, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
    // The page must only ever talk to code-server on loopback.
    await browser.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost') {
        return route.continue();
      }
      return route.abort();
    });
    const page = browser.pages()[0] || (await browser.newPage());
    page.on('pageerror', (e) => fs.appendFileSync(path.join(tmp, 'page-errors.log'), `${e}\n`));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: 60000 });
    log('workbench page loaded, waiting for the driver verdict');

    const csExited = new Promise((resolve) => cs.on('exit', (c) => resolve(new Error(`code-server exited (${c})`))));
    const result = await waitForResult(resultFile, timeoutMs, csExited);
    for (const c of result.checks || []) {
      console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    }
    if (result.ok) {
      ok = true;
      log(`PASS (driver took ${result.ms} ms)`);
    } else {
      fail(result.error);
    }
    if (!ok) {
      await page.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
    } else if (process.env.E2E_SCREENSHOT) {
      await page.screenshot({ path: process.env.E2E_SCREENSHOT }).catch(() => {});
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    if (!ok) {
      // Surface the extension host's view: the Policy LSP output channel and exthost log.
      const found = spawnSync('find', [dirs.userData, '-name', '*.log', '-path', '*exthost*'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
      for (const f of found.filter((f) => /Policy LSP|exthost\.log/.test(f))) {
        console.error(`---- ${f} (tail) ----\n${fs.readFileSync(f, 'utf8').slice(-4000)}`);
      }
      console.error(`---- code-server.log (tail) ----\n${fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').slice(-2000)}`);
      console.error(`kept ${tmp}`);
      process.exitCode = 1;
    } else if (process.env.E2E_KEEP !== '1') {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

main().catch((e) => {
  fail(e && e.stack ? e.stack : String(e));
});
