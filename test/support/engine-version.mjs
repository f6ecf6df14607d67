/**
 * Notes the browser's own version on a puppeteer-driven launcher once it has started, so the log
 * says which engine build every run tested (the count reporter prints it).
 */
export function withVersion(launcher) {
  const startSession = launcher.startSession.bind(launcher);
  launcher.startSession = async (sessionId, url) => {
    await startSession(sessionId, url);
    launcher.version ??= await launcher.browser?.version().catch(() => undefined);
  };
  return launcher;
}
