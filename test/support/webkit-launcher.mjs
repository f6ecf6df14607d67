import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { freePort } from './free-port.mjs';

/**
 * WebKitGTK's MiniBrowser (Safari's engine) as a web-test-runner browser, driven over W3C
 * WebDriver by Debian's `WebKitWebDriver`. MiniBrowser has no working headless mode, so the
 * driver runs under `xvfb-run`. One window, one test file at a time.
 * WEBKIT_MINIBROWSER_PATH points at another MiniBrowser.
 */
export function webkitLauncher() {
  return new WebKitLauncher();
}

/** Where Debian's WebKitGTK packages put MiniBrowser (`…/<multiarch>/webkit2gtk-4.1/MiniBrowser`). */
export function findMiniBrowser() {
  if (process.env.WEBKIT_MINIBROWSER_PATH) return process.env.WEBKIT_MINIBROWSER_PATH;
  const lib = '/usr/lib';
  if (!existsSync(lib)) return undefined;
  for (const arch of readdirSync(lib)) {
    for (const flavour of ['webkit2gtk-4.1', 'webkitgtk-6.0', 'webkit2gtk-4.0']) {
      const candidate = `${lib}/${arch}/${flavour}/MiniBrowser`;
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** What a WebKit run needs; each missing piece as a Debian package name. */
export function missingWebKitPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/WebKitWebDriver') || !findMiniBrowser()) missing.push('webkit2gtk-driver');
  if (!existsSync('/usr/bin/xvfb-run')) missing.push('xvfb');
  return missing;
}

const STEP_LIMIT_MS = 30_000;

class WebKitLauncher {
  name = 'WebKit';
  type = 'webkitgtk-webdriver';
  concurrency = 1;
  /** The engine's own version, known once it has started; the count reporter prints it. */
  version = undefined;
  #driver = null;
  #base = '';
  #session = null;
  #starting = null;
  #active = new Map();

  async startSession(sessionId, url) {
    await this.#ensureSession();
    this.#active.set(sessionId, url);
    await this.#command('POST', '/url', { url });
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  async getBrowserUrl(sessionId) {
    if (!this.#active.has(sessionId)) return undefined;
    return this.#command('GET', '/url').catch(() => undefined);
  }

  async stopSession(sessionId) {
    this.#active.delete(sessionId);
    // An empty page stops the test file's timers and any reload loop before the next file.
    await this.#command('POST', '/url', { url: 'about:blank' }).catch(() => {});
    return {};
  }

  startDebugSession() {
    throw new Error('WebKit runs under a virtual display here; debug in Chromium or Firefox.');
  }

  async stop() {
    if (this.#session) await this.#request('DELETE', `/session/${this.#session}`).catch(() => {});
    this.#session = null;
    this.#kill();
  }

  #ensureSession() {
    this.#starting ??= this.#start().catch((error) => {
      this.#starting = null;
      this.#kill();
      throw error;
    });
    return this.#starting;
  }

  async #start() {
    const binary = findMiniBrowser();
    if (!binary) throw new Error('WebKit: no MiniBrowser found. Install Debian\'s webkit2gtk-driver or set WEBKIT_MINIBROWSER_PATH.');
    const port = await freePort();
    this.#base = `http://127.0.0.1:${port}`;
    // Own process group, so stopping it also stops Xvfb and MiniBrowser.
    this.#driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { detached: true, stdio: 'ignore' });
    this.#driver.once('error', () => {});
    process.once('exit', () => this.#kill());
    const deadline = Date.now() + STEP_LIMIT_MS;
    for (;;) {
      try {
        const status = await this.#request('GET', '/status');
        if (status?.ready !== false) break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`WebKit: WebKitWebDriver did not answer on port ${port} (${error.message})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const created = await this.#request('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } },
    });
    this.#session = created.sessionId;
    this.version = `${created.capabilities?.browserName ?? 'MiniBrowser'} ${created.capabilities?.browserVersion ?? ''}`.trim();
  }

  #command(method, path, body) {
    return this.#request(method, `/session/${this.#session}${path}`, body);
  }

  async #request(method, path, body) {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(STEP_LIMIT_MS),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebKit: ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  #kill() {
    if (!this.#driver || this.#driver.exitCode !== null) return;
    try {
      process.kill(-this.#driver.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    this.#driver = null;
  }
}
