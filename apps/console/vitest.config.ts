export { default } from '@org/build-config/vitest';
