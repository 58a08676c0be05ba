// Stands in for a workspace command that does not exist yet, and says so honestly.
const what = process.argv[2];
console.log(
  `"pnpm ${what}" is not built yet: the ${what} app lands with its own issue. The packages build and test with "pnpm test".`,
);
