/**
 * How every suite starts Chromium: Debian's package by default (CHROME_PATH points elsewhere),
 * runnable as root, quiet on a machine with no network beyond loopback, with fake media devices
 * so a room may ask for a camera.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--headless=new',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    // A name for the test server that is not localhost: a page served under it is not a secure
    // context, as a page over plain http on a network address is.
    '--host-resolver-rules=MAP insecure.test 127.0.0.1',
  ],
};
