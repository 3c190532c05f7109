// The exported card is one self-contained HTML document: KaTeX's typeset math with KaTeX's own
// stylesheet and every font embedded, no script, nothing fetched from anywhere, and every text
// from the model file escaped. (test/e2e/model-card.test.ts opens it in Chromium, offline.)
import katex from 'katex';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { modelCard } from '../../../engine/report/card';
import { CARD_CSP, escapeHtml, formatValue, modelCardHtml } from '../../../engine/report/html';
import { KATEX_CSS, KATEX_VERSION } from '../../../engine/report/katex-style.generated';
import { TINY, monthlyDataset } from '../forecast/synthetic';

let model: ModelFile;

beforeAll(async () => {
  model = (await runForecast(monthlyDataset(), { ...TINY, model: 'lstm', bidirectional: true, layers: 2, backtest: true }, createInlineForecastSubmitter())).modelFile;
});

describe('the model card as HTML', () => {
  it('embeds the stylesheet of the KaTeX that typesets it, with its fonts as data', () => {
    expect(KATEX_VERSION).toBe(katex.version);
    const faces = KATEX_CSS.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces).toHaveLength(20);
    for (const face of faces) expect(face).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]+=*\) format\("woff2"\)\}$/);
    expect(KATEX_CSS).not.toMatch(/url\((?!data:)/);
  });

  it('is one document that loads nothing and runs nothing', () => {
    const html = modelCardHtml(modelCard(model));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CARD_CSP}">`);
    expect(CARD_CSP).toMatch(/^default-src 'none';/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=/i);
    // Links stay inside the page; every url() is embedded data.
    expect([...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('typesets every formula of the card with KaTeX and nothing fails', () => {
    const card = modelCard(model);
    const html = modelCardHtml(card);
    const formulas = card.equations.reduce((n, b) => n + b.latex.length, 0);
    expect(formulas).toBe(7); // inputs, cell (2), bidirectional, stack, head (2)
    expect(html.match(/<span class="katex-display">/g)).toHaveLength(formulas);
    expect(html.match(/<span class="katex-html"/g)).toHaveLength(formulas);
    expect(html.match(/<annotation encoding="application\/x-tex">/g)).toHaveLength(formulas);
    expect(html).not.toContain('katex-error');
    for (const block of card.equations) expect(html).toContain(`id="eq-${block.id}"`);
  });

  it('shows the record: parameters, data fingerprint, settings, metrics and the command', () => {
    const card = modelCard(model);
    const html = modelCardHtml(card);
    const net = card.members[0]!.network!;
    for (const g of net.parameters.groups) expect(html).toContain(`<th scope="row">${g.part}</th>`);
    expect(html).toContain('<code>weight_ih_l1_reverse</code>&nbsp;(16×8)');
    expect(html).toContain(card.data.fingerprint);
    expect(html).toContain(escapeHtml(card.reproduce.command));
    expect(html).toContain('<th scope="row">Seasonal naive</th>');
    expect(html).toContain(`<td class="num">${formatValue(card.metrics.rows[0]!.mae)}</td>`);
  });

  it('escapes every text that comes from the model file', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const file = { ...model, model: hostile, data: { ...model.data, source: `${hostile}.csv`, target: hostile, covariates: [hostile] } };
    const html = modelCardHtml(modelCard(file));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('formats values with four significant digits, large ones whole, missing ones as a dash', () => {
    expect([formatValue(1981.2727), formatValue(25247.097), formatValue(0.0123456), formatValue(null), formatValue(Number.NaN)]).toEqual(['1,981', '25,247', '0.01235', '—', '—']);
  });
});
