// Placeholder CLI entry so the Electron build has its input; the pipeline engineer replaces it.
console.error('tidecast: the command line is not built yet.');
process.exit(2);
