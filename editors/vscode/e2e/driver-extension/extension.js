// Test driver for the Policy LSP end-to-end test. It runs inside the real
// VS Code extension host (code-server), talks to the Policy LSP extension only
// through the public vscode API, and writes a JSON verdict to the result file
// named in its config. Every wait is event-driven with a deadline.
'use strict';
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const POLICY_EXTENSION_ID = 'policy-lsp.policy-lsp';

function loadConfig() {
  const file = process.env.POLICY_E2E_CONFIG;
  if (file && fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  for (const folder of vscode.workspace.workspaceFolders || []) {
    const candidate = path.join(folder.uri.fsPath, '.policy-e2e.json');
    if (fs.existsSync(candidate)) {
      return JSON.parse(fs.readFileSync(candidate, 'utf8'));
    }
  }
  return undefined;
}

class Deadline {
  constructor(ms) {
    this.end = Date.now() + ms;
  }
  left() {
    return Math.max(0, this.end - Date.now());
  }
}

/** Resolves when check() returns a truthy value, re-checking on each event; rejects at the deadline. */
function waitFor(what, events, check, ms) {
  return new Promise((resolve, reject) => {
    const subs = [];
    let timer;
    const finish = (fn, v) => {
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      fn(v);
    };
    const probe = () => {
      let v;
      try {
        v = check();
      } catch (e) {
        finish(reject, e);
        return;
      }
      if (v) {
        finish(resolve, v);
      }
    };
    for (const ev of events) {
      subs.push(ev(probe));
    }
    timer = setTimeout(() => finish(reject, new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    probe();
  });
}

function withDeadline(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function codeOf(d) {
  if (d.code === undefined || d.code === null) {
    return undefined;
  }
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function hoverText(hovers) {
  const parts = [];
  for (const h of hovers || []) {
    for (const c of h.contents || []) {
      parts.push(typeof c === 'string' ? c : c.value);
    }
  }
  return parts.join('\n');
}

function symbolNames(symbols) {
  const names = [];
  const walk = (list, depth) => {
    for (const s of list || []) {
      names.push({ name: s.name, depth });
      walk(s.children, depth + 1);
    }
  };
  walk(symbols, 0);
  return names;
}

async function run(cfg, checks) {
  const started = Date.now();
  const deadline = new Deadline(cfg.timeoutMs || 90000);
  // A failed check is recorded and the run goes on, unless it is fatal (later
  // checks depend on it).
  const check = (name, ok, detail, fatal = false) => {
    checks.push({ name, ok: !!ok, detail });
    if (!ok && fatal) {
      throw new Error(`${name}: ${detail}`);
    }
    return !!ok;
  };

  const policy = vscode.extensions.getExtension(POLICY_EXTENSION_ID);
  check('extension installed', !!policy, policy ? policy.packageJSON.version : `${POLICY_EXTENSION_ID} not found`, true);

  const uri = vscode.Uri.file(cfg.document);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const text = doc.getText();
  check('document language', ['plaintext', 'markdown', 'policy'].includes(doc.languageId), doc.languageId);

  // activate() resolves when the activation the document triggered has finished.
  await withDeadline(policy.activate(), deadline.left(), 'the Policy LSP extension to activate');
  check('extension active', policy.isActive, 'activated by opening the document', true);

  // 1. Diagnostics published by the server.
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'policy-lsp');
  const diags = await waitFor(
    'policy-lsp diagnostics',
    [vscode.languages.onDidChangeDiagnostics],
    () => (ours().some((d) => codeOf(d) === 'halfwidth-punct') ? ours() : undefined),
    deadline.left(),
  );
  const codes = [...new Set(diags.map(codeOf))].sort();
  check('diagnostics', diags.length > 0, `${diags.length} diagnostics, codes: ${codes.join(', ')}`);

  // Positions: every halfwidth-punct range must cover one ASCII punctuation
  // character (checks the UTF-16 position mapping over Chinese text), and the
  // first ',' between two Chinese characters must be flagged.
  const hw = diags.filter((d) => codeOf(d) === 'halfwidth-punct');
  const bad = hw.filter((d) => !/^[,.:;!?()]$/.test(doc.getText(d.range)));
  check(
    'halfwidth-punct ranges',
    bad.length === 0,
    bad.length ? `ranges not on a half-width mark: ${bad.slice(0, 3).map((d) => JSON.stringify(doc.getText(d.range)) + '@' + d.range.start.line + ':' + d.range.start.character).join(' ')}` : `${hw.length} ranges, all on a half-width mark`,
  );
  const m = /[\u4e00-\u9fff],[\u4e00-\u9fff]/.exec(text);
  if (m) {
    const pos = doc.positionAt(m.index + 1);
    const hit = hw.find((d) => d.range.start.isEqual(pos));
    if (check('comma position', !!hit, `expected a halfwidth-punct diagnostic at ${pos.line}:${pos.character}`)) {
      // Quick fix offered for it.
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, hit.range);
      const fixes = (actions || []).filter((a) => !a.kind || vscode.CodeActionKind.QuickFix.contains(a.kind));
      check('code actions', fixes.length > 0, fixes.map((a) => a.title).join(' | ') || 'no quick fix offered');
    }
  }

  // 2. Hover on a slogan.
  const slogan = cfg.hoverWord || '四个意识';
  const at = text.indexOf(slogan);
  if (check('hover target in seed', at >= 0, slogan)) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, doc.positionAt(at + 1));
    const ht = hoverText(hovers);
    const wanted = cfg.hoverExpect || '政治意识';
    check('hover', ht.includes(wanted), ht ? ht.slice(0, 200).replace(/\n/g, ' ') : 'no hover');
  }

  // 2b. Completion: after 四个 the server offers 四个意识.
  if (at >= 0) {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, doc.positionAt(at + 2));
    const labels = ((list && list.items) || []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    check('completion', labels.some((l) => l.includes(slogan)), `${labels.length} items: ${labels.slice(0, 5).join(' | ')}`);
  }

  // 3. Document symbols (outline).
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  const names = symbolNames(symbols);
  const sym = cfg.symbolExpect || '会议指出';
  check(
    'document symbols',
    names.some((n) => n.name.includes(sym)),
    `${names.length} symbols: ${names.slice(0, 8).map((n) => '  '.repeat(n.depth) + n.name.slice(0, 20)).join(' / ')}`,
  );

  // 4. Settings reach the server: switching the rule off through
  //    workspace/didChangeConfiguration removes its diagnostics.
  const conf = vscode.workspace.getConfiguration('policyLsp');
  const settingsWait = async (name, what, pred, detail) => {
    try {
      await waitFor(what, [vscode.languages.onDidChangeDiagnostics], pred, deadline.left());
      check(name, true, detail());
    } catch (e) {
      check(name, false, e.message);
    }
  };
  await conf.update('rules', { 'halfwidth-punct': { enabled: false } }, vscode.ConfigurationTarget.Global);
  await settingsWait(
    'settings change',
    'halfwidth-punct diagnostics to disappear after disabling the rule',
    () => !ours().some((d) => codeOf(d) === 'halfwidth-punct'),
    () => `halfwidth-punct gone, ${ours().length} diagnostics left`,
  );
  await conf.update('rules', undefined, vscode.ConfigurationTarget.Global);
  await settingsWait(
    'settings restore',
    'halfwidth-punct diagnostics to come back',
    () => ours().some((d) => codeOf(d) === 'halfwidth-punct'),
    () => 'halfwidth-punct back after resetting the rules',
  );

  // 5. A wrong policyLsp.path restarts the client into a clear error; putting
  //    it back brings the server (and its diagnostics) back.
  const api = policy.exports;
  if (check('extension API', api && typeof api.status === 'function', 'exports status()/onDidChangeStatus')) {
    await conf.update('path', '/nonexistent/policy-lsp', vscode.ConfigurationTarget.Global);
    try {
      const st = await waitFor('the missing-server error', [api.onDidChangeStatus], () => {
        const s = api.status();
        return s.state === 'error' ? s : undefined;
      }, deadline.left());
      check('missing server error', /policyLsp\.path/.test(st.error || ''), st.error);
    } catch (e) {
      check('missing server error', false, e.message);
    }
    // Back to the server under test (cfg.serverPath), or to the bundled one.
    await conf.update('path', cfg.serverPath || undefined, vscode.ConfigurationTarget.Global);
    const wantOrigin = cfg.serverPath ? 'setting' : 'bundled';
    await settingsWait(
      'restart after fixing the path',
      'diagnostics after restoring policyLsp.path',
      () => api.status().state === 'running' && api.status().origin === wantOrigin && ours().some((d) => codeOf(d) === 'halfwidth-punct'),
      () => `running again (${api.status().origin}: ${api.status().command})`,
    );
  }

  // 6. JSON validation of .policy-lsp/*.json with the bundled schemas.
  const schemaCheck = async (name, file, content, expected) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const u = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u), { preview: false });
    try {
      const jd = await waitFor(`schema diagnostics on ${path.basename(file)}`, [vscode.languages.onDidChangeDiagnostics], () => {
        const d = vscode.languages.getDiagnostics(u);
        return d.length ? d : undefined;
      }, deadline.left());
      check(name, jd.some((d) => expected.test(d.message)), jd.map((d) => d.message).join(' | ').slice(0, 200));
    } catch (e) {
      check(name, false, e.message);
    }
  };
  if (cfg.configJson) {
    // locale must be zh-CN or en
    await schemaCheck('config.json schema', cfg.configJson, '{\n  "locale": "fr"\n}\n', /zh-CN/);
  }
  if (cfg.lexiconJson) {
    // "entries" is required
    await schemaCheck('lexicon.json schema', cfg.lexiconJson, '{\n  "version": 1\n}\n', /entries/);
  }

  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  return { ok: failed.length === 0, error: failed.length ? `failed checks: ${failed.join(', ')}` : undefined, checks, ms: Date.now() - started };
}

function activate() {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    console.error('policy-lsp e2e driver: bad config', e);
    return;
  }
  if (!cfg || !cfg.resultFile) {
    return;
  }
  const write = (result) => {
    const tmp = cfg.resultFile + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify(result, null, 2));
    fs.renameSync(tmp, cfg.resultFile);
  };
  const checks = [];
  run(cfg, checks)
    .then(write)
    .catch((e) => write({ ok: false, error: e && e.message ? e.message : String(e), stack: e && e.stack, checks }));
}

module.exports = { activate, deactivate() {} };
