// Test doubles for the few things only Electron provides: an ipcMain-like registry, sender
// events, and dialogs that answer with paths the test chooses.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Dialogs } from '../../electron/handlers';
import type { IpcRegistry, SenderContents, SenderEvent } from '../../electron/ipc';

export class FakeRegistry implements IpcRegistry {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcMain does on an invoke: call the handler, or reject like Electron when none exists. */
  async invoke(channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

export const APP_CONTENTS: SenderContents = { id: 1, mainFrame: { frameTreeNodeId: 10 } };

/** An invoke from the main frame of our window at `url`. */
export function eventFrom(url: string, overrides: Partial<{ parent: unknown; frameTreeNodeId: number; sender: SenderContents }> = {}): SenderEvent {
  const sender = overrides.sender ?? APP_CONTENTS;
  return {
    sender,
    senderFrame: { url, parent: overrides.parent ?? null, frameTreeNodeId: overrides.frameTreeNodeId ?? sender.mainFrame.frameTreeNodeId },
  };
}

export interface DialogScript {
  open?: string | null;
  save?: string | null;
  /** The answer to "replace the existing file?" (default: no). */
  overwrite?: boolean;
}

/** Dialogs that return the scripted path (null = the user cancelled) and record what they asked. */
export function scriptedDialogs(script: DialogScript): Dialogs & { opened: OpenDialogOptions[]; saved: SaveDialogOptions[]; overwriteAsked: string[] } {
  const opened: OpenDialogOptions[] = [];
  const saved: SaveDialogOptions[] = [];
  const overwriteAsked: string[] = [];
  return {
    opened,
    saved,
    overwriteAsked,
    confirmOverwrite: async (_sender, path) => {
      overwriteAsked.push(path);
      return script.overwrite ?? false;
    },
    showOpenDialog: async (_sender, options) => {
      opened.push(options);
      const path = script.open ?? null;
      return path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] };
    },
    showSaveDialog: async (_sender, options) => {
      saved.push(options);
      const path = script.save ?? null;
      return path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path };
    },
  };
}
