import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { withVersion } from './engine-version.mjs';

/** Debian's Firefox ESR by default; FIREFOX_PATH points elsewhere. */
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/**
 * Firefox as a web-test-runner browser: wtr's puppeteer launcher, given puppeteer-core, speaks
 * WebDriver BiDi to Firefox (no geckodriver). Fake media devices answer without a prompt, as in
 * Chromium, so a room may ask for a camera.
 */
export function firefoxLauncher() {
  return withVersion(chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      extraPrefsFirefox: {
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        // Tests put a page on the machine's network address and its room on loopback; Firefox's
        // Local Network Access would hold such a request for a permission prompt nobody answers.
        // Integrators' rooms are on the vendor's public site, where it does not apply.
        'network.lna.enabled': false,
      },
    },
  }));
}
