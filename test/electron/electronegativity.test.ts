// Doyensec's Electronegativity over the Electron and renderer sources (it parses TypeScript and
// HTML). Every finding must be fixed or explained in electronegativity-allowlist.json.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const allowlist = JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as {
  excludedChecks: { check: string; reason: string }[];
  findings: { rule: string; file: string; reason: string }[];
};

interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

async function scan(): Promise<Finding[]> {
  // Scan a copy of exactly electron/ and renderer/ (so the page's CSP meta tag is seen),
  // not out/ or tests.
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-electronegativity-'));
  try {
    cpSync(join(root, 'electron'), join(dir, 'electron'), { recursive: true });
    cpSync(join(root, 'renderer'), join(dir, 'renderer'), { recursive: true });
    const output = join(dir, 'report.sarif');
    const cli = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const args = [cli, '-i', dir, '-e', '45.0.0', '-r', '-o', output, '-x', allowlist.excludedChecks.map((c) => c.check).join(',')];
    await promisify(execFile)(process.execPath, args, { cwd: dir, timeout: 120_000 });
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[];
    };
    return sarif.runs.flatMap((run) =>
      run.results.map((r) => ({
        rule: r.ruleId,
        file: r.locations[0]?.physicalLocation.artifactLocation.uri ?? 'N/A',
        line: r.locations[0]?.physicalLocation.region?.startLine ?? 0,
        message: r.message.text,
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Electronegativity', () => {
  it('every allow-list entry has a reason', () => {
    for (const entry of [...allowlist.excludedChecks, ...allowlist.findings]) expect(entry.reason.length, JSON.stringify(entry)).toBeGreaterThan(40);
  });

  it('reports nothing beyond the reviewed allow-list, and the allow-list has no stale entries', async () => {
    const findings = await scan();
    const allowed = (f: Finding) => allowlist.findings.some((a) => a.rule === f.rule && a.file === f.file);
    const unexplained = findings.filter((f) => !allowed(f)).map((f) => `${f.rule} ${f.file}:${f.line} — ${f.message}`);
    expect(unexplained, 'fix these, or add them with a reason to electronegativity-allowlist.json').toEqual([]);
    const stale = allowlist.findings.filter((a) => !findings.some((f) => f.rule === a.rule && f.file === a.file));
    expect(stale, 'remove these entries: the finding is gone').toEqual([]);
  }, 120_000);
});
