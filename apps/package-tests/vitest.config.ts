import base from '@org/build-config/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

// Every published package is packed once, before the tests, for all of them.
export default mergeConfig(base, defineConfig({ test: { globalSetup: ['test/support/packTarballs.ts'] } }));
