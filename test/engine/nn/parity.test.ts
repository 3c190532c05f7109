// The engine reproduces PyTorch's forward, loss and every gradient on every shared reference
// case (../shared/reference), within relative error ≤ 1e-3 (float32 against float64).

import { describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { loadReferenceCase, runReferenceCase } from '../../../engine/nn/reference';
import { projectRoot, readJson, referenceFiles } from './helpers';
import { availableBackends } from './backends';

const files = referenceFiles();

describe('parity with PyTorch reference cases', () => {
  it('finds the shared cases (12: every cell × direction × 1–2 layers)', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });
  for (const backend of availableBackends()) {
    for (const file of files) {
      it(`${basename(file, '.json')} on ${backend}`, () => {
        const rc = loadReferenceCase(readJson(file), basename(file, '.json'));
        const { report } = runReferenceCase(rc, backend);
        expect(report.maxRelErr.output).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.h_n).toBeLessThanOrEqual(1e-3);
        if (rc.expected.c_n) expect(report.maxRelErr.c_n).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.loss).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.grads, `worst gradient: ${report.worstGrad}`).toBeLessThanOrEqual(1e-3);
        expect(report.pass).toBe(true);
      });
    }
  }
});

// Networks whose head reads extras beside the final states (test/engine/nn/fixtures/
// make-head-extras.py): forward, loss, every parameter's gradient and the extras' gradient.
const extrasCases = (readJson(join(projectRoot, 'test/engine/nn/fixtures/head-extras.json')) as { cases: unknown[] }).cases;

describe('parity with PyTorch: a head reading extras (head.weight (K, H·dirs + E))', () => {
  it('has the four generated cases', () => {
    expect(extrasCases.length).toBe(4);
  });
  for (const backend of availableBackends()) {
    for (const json of extrasCases) {
      const rc = loadReferenceCase(json);
      it(`${rc.name} on ${backend}`, () => {
        expect(rc.net.spec.headExtras).toBeGreaterThan(0);
        const { result, report } = runReferenceCase(rc, backend);
        expect(report.maxRelErr.output).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.h_n).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.loss).toBeLessThanOrEqual(1e-3);
        expect(report.maxRelErr.grads, `worst gradient: ${report.worstGrad}`).toBeLessThanOrEqual(1e-3);
        expect(result.grads.extras.length).toBe(rc.batch * (rc.net.spec.headExtras ?? 0));
        expect(report.pass).toBe(true);
      });
    }
  }
});
