// The app version written into model files (kept equal to package.json's by a unit test).
export const APP_VERSION = '0.1.0';
