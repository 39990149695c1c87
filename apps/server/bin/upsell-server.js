#!/usr/bin/env node
// The bin links to this file, which exists before a build, so a fresh `pnpm install` links it without a warning.
import '../dist/main.js';
