/**
 * Code most pages never run, loaded on first use: in the ESM build each is a chunk of its own.
 * The CDN file is one classic script without chunks; its build puts on-demand.cdn.ts in this
 * module's place, which has the same code built in.
 */
export const keepTryingModule = () => import('./keep-trying.js');
export const askEndpointModule = () => import('./ask-endpoint.js');
