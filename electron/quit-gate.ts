// Quitting waits for what must reach the disk or stop first (the window state, running jobs):
// the first 'will-quit' is held until `settle` finishes, then the app quits for real.

/** A 'will-quit' listener: holds the first quit until `settle` settles, then calls `quit` again. */
export function holdQuitUntil(settle: () => Promise<unknown>, quit: () => void): (event: { preventDefault(): void }) => void {
  let settled = false;
  return (event) => {
    if (settled) return;
    event.preventDefault();
    settled = true;
    void settle().then(quit, quit);
  };
}
