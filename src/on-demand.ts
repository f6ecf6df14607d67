/**
 * Code most rooms never run, loaded on first need: the waiting for a busy backend, the
 * access-endpoint request, link upgrade. In the ESM build each is a chunk of its own. The CDN file
 * is one classic script without chunks: its build puts on-demand.cdn.ts in this module's place,
 * which loads the same modules as files next to the CDN file (scripts/cdn-parts.mjs builds them).
 */
export const keepTryingModule = () => import('./keep-trying.js');
export const askEndpointModule = () => import('./ask-endpoint.js');
export const upgradeLinksModule = () => import('./upgrade-links.js');
