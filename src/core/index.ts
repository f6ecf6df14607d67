export * from './errors.js';
export * from './link-upgrade.js';
export * from './messages.js';
export * from './origins.js';
export * from './permissions.js';
export * from './redirect.js';
export * from './room-link.js';
export * from './size.js';
