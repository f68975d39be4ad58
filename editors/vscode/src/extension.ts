import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const SECTION = 'policyLsp';
const EXE = process.platform === 'win32' ? 'policy-lsp.exe' : 'policy-lsp';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** What the extension last did about the server (exported for tests and other extensions). */
export interface Status {
  state: 'starting' | 'running' | 'stopped' | 'error';
  command?: string;
  origin?: ResolvedServer['origin'];
  error?: string;
}
let status: Status = { state: 'stopped' };
const statusEmitter = new vscode.EventEmitter<Status>();
function setStatus(s: Status): void {
  status = s;
  statusEmitter.fire(s);
}

/** The settings the server understands (the same JSON as initializationOptions). */
export interface ServerSettings {
  locale: string;
  rules: Record<string, { enabled?: boolean; severity?: string }>;
  recurring: {
    minChars: number;
    minCount: number;
    reportAll: boolean;
    minCharsAcross: number;
    ignore: string[];
  };
  lexiconPaths: string[];
  maxDiagnostics: number;
}

export function serverSettings(): ServerSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    locale: c.get<string>('locale', 'zh-CN'),
    rules: c.get<ServerSettings['rules']>('rules', {}),
    recurring: {
      minChars: c.get<number>('recurring.minChars', 6),
      minCount: c.get<number>('recurring.minCount', 3),
      reportAll: c.get<boolean>('recurring.reportAll', false),
      minCharsAcross: c.get<number>('recurring.minCharsAcross', 12),
      ignore: c.get<string[]>('recurring.ignore', []),
    },
    lexiconPaths: c.get<string[]>('lexiconPaths', []),
    maxDiagnostics: c.get<number>('maxDiagnostics', 1000),
  };
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) {
    return path.join(process.env.HOME ?? '', p.slice(1));
  }
  return p;
}

export interface ResolvedServer {
  command: string;
  origin: 'setting' | 'bundled' | 'PATH';
}

/** policyLsp.path, then bin/policy-lsp inside the extension, then PATH. */
export function findServer(context: vscode.ExtensionContext): ResolvedServer | { error: string } {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('path', '').trim();
  if (configured) {
    let p = expandHome(configured);
    if (!path.isAbsolute(p) && vscode.workspace.workspaceFolders?.length) {
      p = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, p);
    }
    if (isExecutable(p)) {
      return { command: p, origin: 'setting' };
    }
    return {
      error:
        `policyLsp.path is set to "${configured}", but no executable file is there. ` +
        'Fix the setting (or clear it to use the bundled server or policy-lsp on PATH).',
    };
  }

  const bundled = context.asAbsolutePath(path.join('bin', EXE));
  if (fs.existsSync(bundled)) {
    if (!isExecutable(bundled)) {
      // Some unzip paths drop the executable bit of files inside a .vsix.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported below if still not executable */
      }
    }
    if (isExecutable(bundled)) {
      return { command: bundled, origin: 'bundled' };
    }
  }

  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, EXE);
    if (isExecutable(candidate)) {
      return { command: candidate, origin: 'PATH' };
    }
  }

  return {
    error:
      'Policy LSP: the policy-lsp server was not found. Install it (in the policy-lsp repository: ' +
      '`cargo install --path .`, which puts it on PATH) or set "policyLsp.path" to the binary ' +
      '(e.g. target/release/policy-lsp after `cargo build --release`).',
  };
}

function documentSelector(): { language: string; scheme?: string }[] {
  const langs = vscode.workspace
    .getConfiguration(SECTION)
    .get<string[]>('documentSelector', ['plaintext', 'markdown', 'policy']);
  const selector: { language: string; scheme?: string }[] = [];
  for (const language of langs) {
    selector.push({ language, scheme: 'file' });
    selector.push({ language, scheme: 'untitled' });
  }
  return selector;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer(context);
  if ('error' in found) {
    setStatus({ state: 'error', error: found.error });
    output?.appendLine(found.error);
    // Not awaited: activation must not wait for the user to dismiss the message.
    void vscode.window.showErrorMessage(found.error, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'policyLsp.path');
      } else if (choice === 'Show Output') {
        output?.show(true);
      }
    });
    return;
  }
  output?.appendLine(`Starting ${found.command} serve (found via ${found.origin})`);

  const run = { command: found.command, args: ['serve'], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: serverSettings(),
    // The server registers its own watcher for lexicon files (dynamic registration).
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient(SECTION, 'Policy LSP', serverOptions, clientOptions);
  setStatus({ state: 'starting', command: found.command, origin: found.origin });
  try {
    await client.start();
    setStatus({ state: 'running', command: found.command, origin: found.origin });
  } catch (e) {
    const msg = `Policy LSP: the server (${found.command}) failed to start: ${e instanceof Error ? e.message : String(e)}`;
    setStatus({ state: 'error', command: found.command, origin: found.origin, error: msg });
    output?.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Show Output').then((c) => {
      if (c) {
        output?.show(true);
      }
    });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output?.appendLine(`Stopping the server failed: ${String(e)}`);
    }
    setStatus({ state: 'stopped' });
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

export interface PolicyLspApi {
  client(): LanguageClient | undefined;
  status(): Status;
  onDidChangeStatus: vscode.Event<Status>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PolicyLspApi> {
  output = vscode.window.createOutputChannel('Policy LSP');
  context.subscriptions.push(output, statusEmitter);

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLsp.restart', () => restart(context)),
    vscode.commands.registerCommand('policyLsp.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Server settings travel through workspace/didChangeConfiguration
      // (synchronize.configurationSection); these two need a new process.
      if (e.affectsConfiguration(`${SECTION}.path`) || e.affectsConfiguration(`${SECTION}.documentSelector`)) {
        void restart(context);
      }
    }),
    { dispose: () => void stopClient() },
  );

  await startClient(context);
  return { client: () => client, status: () => status, onDidChangeStatus: statusEmitter.event };
}

export function deactivate(): Thenable<void> | undefined {
  return stopClient();
}
