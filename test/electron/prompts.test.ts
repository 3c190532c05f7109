// The message boxes main shows: which button does what, Cancel by default and on Escape.
import { describe, expect, it } from 'vitest';
import { overwritePrompt, replaces } from '../../electron/prompts';

describe('overwritePrompt', () => {
  it('names the file and its folder, defaults to Cancel, and only the first button replaces', () => {
    const prompt = overwritePrompt('/home/ann/Reports/report.csv');
    expect(prompt.message).toBe('“report.csv” already exists. Do you want to replace it?');
    expect(prompt.detail).toContain('/home/ann/Reports');
    expect(prompt.buttons).toEqual(['Replace', 'Cancel']);
    expect(prompt.defaultId).toBe(1);
    expect(prompt.cancelId).toBe(1);
    expect(replaces(0)).toBe(true);
    expect(replaces(prompt.cancelId!)).toBe(false);
  });
});
