// Closing a window that has unsaved changes asks first: Save (the page saves the project, then
// closes the window itself), Don't Save (it closes), or Cancel (it stays, and so does the app if
// it was quitting). One question at a time, however often the user clicks the close button.
import type { CloseChoice } from './prompts';

export interface CloseGuardDeps {
  /** The page reported unsaved changes. */
  isEdited(): boolean;
  /** Shows the question; resolves with the answer. */
  ask(): Promise<CloseChoice>;
  /** Asks the page to save and then close the window (it calls window:close once saved). */
  saveThenClose(): void;
  /** Closes the window for real (a second close event, which the guard lets through). */
  close(): void;
  /** The user kept the window (Cancel), so a quit in progress stops too. */
  kept?(): void;
}

/** A 'close' listener for one window. */
export function guardClose(deps: CloseGuardDeps): (event: { preventDefault(): void }) => void {
  let discarded = false;
  let asking = false;
  return (event) => {
    if (discarded || !deps.isEdited()) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void deps.ask().then(
      (choice) => {
        asking = false;
        if (choice === 'discard') {
          discarded = true;
          deps.close();
        } else if (choice === 'save') {
          deps.saveThenClose();
        } else {
          deps.kept?.();
        }
      },
      () => {
        asking = false;
        deps.kept?.();
      },
    );
  };
}
