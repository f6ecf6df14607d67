/** The package's main entry: registers `<livedigital-room>` and exports its public API. */
export * from './define.js';
