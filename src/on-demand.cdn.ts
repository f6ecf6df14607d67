/** on-demand.ts for the CDN file: the same code, built in (a classic script has no chunks to load). */
import { askEndpoint } from './ask-endpoint.js';
import { keepTrying } from './keep-trying.js';

export const keepTryingModule = async () => ({ keepTrying });
export const askEndpointModule = async () => ({ askEndpoint });
