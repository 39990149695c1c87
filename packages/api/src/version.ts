import { createRequire } from 'node:module';

// package.json is one folder up from both src/ and dist/.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** This package's version, which `health` reports unless the host gives its own. */
export const API_VERSION: string = version;
