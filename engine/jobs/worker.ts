// Placeholder worker entry so the Electron build has its input; the job-pool engineer replaces it.
export {};
