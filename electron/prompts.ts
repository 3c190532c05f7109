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

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** "Save the changes?" before a window with unsaved changes closes: Save, Don't Save, Cancel. */
export function unsavedChangesPrompt(document: string): MessageBoxOptions {
  const name = document.trim() === '' ? 'this project' : `“${document}”`;
  return {
    type: 'warning',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    title: 'Unsaved changes',
    message: `Do you want to save the changes to ${name}?`,
    detail: 'Your runs, settings and column roles are lost if you don’t save them as a project.',
  };
}

/** The answer to unsavedChangesPrompt (Escape and closing the box answer Cancel). */
export function closeChoice(response: number): CloseChoice {
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
}
