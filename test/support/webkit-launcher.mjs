import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { freePort } from './free-port.mjs';

/**
 * WebKitGTK's MiniBrowser (Safari's engine) as a web-test-runner browser, driven over W3C
 * WebDriver by Debian's `WebKitWebDriver`. MiniBrowser has no working headless mode, so it runs on
 * a virtual display (Xvfb). One window, one test file at a time.
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

// Generous: a page load on a busy two-core machine running three browsers can take a while.
const STEP_LIMIT_MS = 90_000;

class WebKitLauncher {
  name = 'WebKit';
  type = 'webkitgtk-webdriver';
  concurrency = 1;
  /** The engine's own version, known once it has started; the count reporter prints it. */
  version = undefined;
  #driver = null;
  #display = null;
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
    const display = await this.#startDisplay();
    const port = await freePort();
    this.#base = `http://127.0.0.1:${port}`;
    this.#driver = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
    this.#driver.once('error', () => {});
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

  /**
   * A private X display. Xvfb picks a free display number itself and reports it (`-displayfd`),
   * so runs started side by side on one machine never race for the same display.
   */
  async #startDisplay() {
    this.#display = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    process.once('exit', () => this.#kill());
    const display = this.#display;
    const number = await new Promise((resolve, reject) => {
      let text = '';
      const fail = (reason) => {
        clearTimeout(timer);
        reject(new Error(`WebKit: Xvfb ${reason}`));
      };
      const timer = setTimeout(() => fail('did not start'), STEP_LIMIT_MS);
      display.once('error', (error) => fail(`cannot start (${error.message})`));
      display.once('exit', () => fail('exited at start'));
      display.stdio[3].on('data', (chunk) => {
        text += chunk;
        if (!text.includes('\n')) return;
        clearTimeout(timer);
        resolve(text.trim());
      });
    });
    return `:${number}`;
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
    for (const child of [this.#driver, this.#display]) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
    this.#driver = null;
    this.#display = null;
  }
}
