// The app's identity: its name, and the id its installers and the operating system know it by.

export const APP_NAME = 'Tidecast';

/**
 * electron-builder.yml's appId. Windows groups taskbar buttons and notifications by it, and the
 * installer's GUID and the user-data location derive from it: never change it.
 */
export const APP_ID = 'org.tidecast.app';
