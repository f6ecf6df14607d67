/**
 * The class-only entry: everything public, nothing registered. Use it to register under another
 * tag (`LivedigitalRoom.define('my-room')`) or to control when registration happens.
 */
export * from './api.js';
export { upgradeLinks } from './upgrade-links.js';
