// Closing with unsaved changes: nothing is asked when all is saved; otherwise Save hands over to
// the page, Don't Save closes, Cancel keeps the window (and stops a quit); one question at a time.
import { describe, expect, it, vi } from 'vitest';
import { guardClose } from '../../electron/close-guard';
import { closeChoice, unsavedChangesPrompt, type CloseChoice } from '../../electron/prompts';

const closeEvent = () => ({ prevented: false, preventDefault() { this.prevented = true; } });

function setup(edited: boolean, answer: CloseChoice) {
  let reply!: (choice: CloseChoice) => void;
  const deps = {
    isEdited: () => edited,
    ask: vi.fn(() => new Promise<CloseChoice>((resolve) => (reply = resolve))),
    saveThenClose: vi.fn(),
    close: vi.fn(),
    kept: vi.fn(),
  };
  const onClose = guardClose(deps);
  return { deps, onClose, answer: () => reply(answer) };
}

describe('guardClose', () => {
  it('lets a window with nothing unsaved close without asking', () => {
    const { deps, onClose } = setup(false, 'cancel');
    const event = closeEvent();
    onClose(event);
    expect(event.prevented).toBe(false);
    expect(deps.ask).not.toHaveBeenCalled();
  });

  it("holds the close and asks once; Don't Save closes, and that second close goes through", async () => {
    const { deps, onClose, answer } = setup(true, 'discard');
    const first = closeEvent();
    onClose(first);
    onClose(closeEvent());
    expect(first.prevented).toBe(true);
    expect(deps.ask).toHaveBeenCalledOnce();
    answer();
    await vi.waitFor(() => expect(deps.close).toHaveBeenCalledOnce());
    const again = closeEvent();
    onClose(again);
    expect(again.prevented).toBe(false);
  });

  it('Save hands over to the page, which closes once the project is saved', async () => {
    const { deps, onClose, answer } = setup(true, 'save');
    onClose(closeEvent());
    answer();
    await vi.waitFor(() => expect(deps.saveThenClose).toHaveBeenCalledOnce());
    expect(deps.close).not.toHaveBeenCalled();
  });

  it('Cancel keeps the window, and asks again at the next close', async () => {
    const { deps, onClose, answer } = setup(true, 'cancel');
    onClose(closeEvent());
    answer();
    await vi.waitFor(() => expect(deps.kept).toHaveBeenCalledOnce());
    const next = closeEvent();
    onClose(next);
    expect(next.prevented).toBe(true);
    expect(deps.ask).toHaveBeenCalledTimes(2);
  });
});

describe('unsavedChangesPrompt', () => {
  it('names the document and maps Save, Don’t Save and Cancel (the default on Escape)', () => {
    const prompt = unsavedChangesPrompt('wine.tidecast');
    expect(prompt.message).toBe('Do you want to save the changes to “wine.tidecast”?');
    expect(prompt.buttons).toEqual(['Save', 'Don’t Save', 'Cancel']);
    expect([0, 1, prompt.cancelId!].map(closeChoice)).toEqual(['save', 'discard', 'cancel']);
    expect(unsavedChangesPrompt('').message).toBe('Do you want to save the changes to this project?');
  });
});
