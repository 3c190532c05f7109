// The questions main asks in a message box, with their answers: replacing an existing file, and
// leaving a window with unsaved changes. Options only, so main shows them and tests read them.
import { basename, dirname } from 'node:path';
import type { MessageBoxOptions } from 'electron';

/** "Replace it?" for a file a save would overwrite; button 0 replaces. */
export function overwritePrompt(path: string): MessageBoxOptions {
  return {
    type: 'warning',
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Replace file',
    message: `“${basename(path)}” already exists. Do you want to replace it?`,
    detail: `A file with this name is already in ${dirname(path)}. Replacing it overwrites what it holds.`,
  };
}

/** True when the answer to overwritePrompt was Replace. */
export const replaces = (response: number): boolean => response === 0;
