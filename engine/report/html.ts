// A model card as one self-contained HTML document: KaTeX's HTML math with its stylesheet and
// fonts embedded, the card's own styles inline, no script and nothing fetched, so it opens the
// same offline in any browser and prints to PDF. Every text from the model file is escaped; the
// only markup not written here is KaTeX's, from LaTeX that engine/report writes itself.
import type { EquationBlock } from './equations';
import type { MemberCard, MetricRow, ModelCard } from './card';
import { KATEX_CSS, KATEX_VERSION } from './katex-style.generated';
import type { ParameterCount } from './parameters';
import { typesetDisplay } from './typeset';

/** The document's own policy: no script at all, styles and fonts only from the file itself. */
export const CARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const significant = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

/** 4 significant digits, large values with all their integer digits; '—' when missing. */
export function formatValue(x: number | null): string {
  if (x === null || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return Math.abs(x) >= 1e4 ? integer.format(x) : significant.format(x);
}

const formatShare = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : `${Math.round(x * 100)}%`);

function definitionList(rows: [string, string][]): string {
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function parameterTable(p: ParameterCount, networks: number): string {
  const body = p.groups
    .map(
      (g) =>
        `<tr><th scope="row">${escapeHtml(g.part)}</th><td class="names">${g.tensors
          .map((t) => `<code>${escapeHtml(t.name)}</code>&nbsp;(${t.shape.join('×')})`)
          .join(', ')}</td><td class="num">${integer.format(g.count)}</td></tr>`,
    )
    .join('');
  const each = networks > 1 ? ` per network; ${integer.format(p.total * networks)} over its ${networks} networks` : '';
  return (
    `<table class="parameters"><caption>Parameters by layer and direction (PyTorch's names and shapes)</caption>` +
    `<thead><tr><th scope="col">Part</th><th scope="col">Tensors</th><th scope="col" class="num">Parameters</th></tr></thead>` +
    `<tbody>${body}</tbody><tfoot><tr><th scope="row">Total</th><td>${escapeHtml(each)}</td><td class="num">${integer.format(p.total)}</td></tr></tfoot></table>`
  );
}

function memberSection(m: MemberCard, blocks: Map<string, EquationBlock>): string {
  const seeds = m.seeds.length ? `; seed${m.seeds.length === 1 ? '' : 's'} ${m.seeds.join(', ')}` : '';
  let body = `<p>${escapeHtml(m.explanation)}</p>`;
  if (m.network) {
    const n = m.network;
    const w = n.window;
    const rows: [string, string][] = [
      ['Cell', `${n.cell.toUpperCase()}, ${n.bidirectional ? 'bidirectional' : 'unidirectional'}`],
      ['Layers × hidden units', `${n.layers} × ${n.hidden}${n.bidirectional ? ' per direction' : ''}`],
      ['Steps ahead (K)', String(n.outputSize)],
    ];
    if (n.count > 1) rows.push(['Networks', `${n.count} of this shape, one per seed; the forecast takes their median`]);
    if (w !== null) {
      rows.push(
        ['Window (T)', `${w.lookback} steps`],
        [`Inputs per step (D = ${w.inputs.length})`, w.inputs.join('; ')],
        ['Target scaling', `${w.scaling.log ? 'natural log, then ' : ''}mean μ = ${formatValue(w.scaling.mean)}, standard deviation σ = ${formatValue(w.scaling.std)}`],
        ['Training', w.training],
      );
    } else {
      rows.push(['Inputs per step (D)', String(n.inputSize)]);
    }
    body +=
      definitionList(rows) +
      parameterTable(n.parameters, m.fits * n.count) +
      `<p class="see">Equations: ${n.equations.map((id) => `<a href="#eq-${escapeHtml(id)}">${escapeHtml(blocks.get(id)?.title ?? id)}</a>`).join(' · ')}</p>`;
  }
  return (
    `<section class="member"><h3>${escapeHtml(m.label)}</h3>` +
    `<p class="muted">${escapeHtml(m.kindTitle)}, group ${m.group + 1}: ${m.fits === 1 ? 'one fit' : `${m.fits} fits averaged`}${escapeHtml(seeds)}</p>${body}</section>`
  );
}

function equationSection(block: EquationBlock): string {
  return (
    `<section class="equation" id="eq-${escapeHtml(block.id)}"><h3>${escapeHtml(block.title)}</h3>` +
    block.latex.map((latex) => `<div class="display">${typesetDisplay(latex, 'htmlAndMathml')}</div>`).join('') +
    `<p>${escapeHtml(block.text)}</p></section>`
  );
}

function metricsTable(rows: MetricRow[]): string {
  const best = rows.reduce<MetricRow | null>((b, r) => (r.mae !== null && (b === null || r.mae < (b.mae ?? Infinity)) ? r : b), null);
  const body = rows
    .map(
      (r) =>
        `<tr class="${r.kind === 'model' ? 'model' : ''}${r === best ? ' best' : ''}"><th scope="row">${escapeHtml(r.name)}${r === best ? ' <span class="tag">lowest MAE</span>' : ''}</th>` +
        [r.mae, r.rmse, r.smape, r.mase].map((x, i) => `<td class="num">${formatValue(x)}${i === 2 && x !== null ? '%' : ''}</td>`).join('') +
        `<td class="num">${formatShare(r.coverage80)}</td><td class="num">${formatShare(r.coverage95)}</td></tr>`,
    )
    .join('');
  return (
    `<table class="metrics"><thead><tr><th scope="col">Forecast</th><th scope="col" class="num">MAE</th><th scope="col" class="num">RMSE</th>` +
    `<th scope="col" class="num">sMAPE</th><th scope="col" class="num">MASE</th><th scope="col" class="num">80% cover</th><th scope="col" class="num">95% cover</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

const CARD_STYLE = `
:root { color-scheme: light; --text: #1d2330; --muted: #5b6472; --line: #d9dee6; --accent: #2456c9; --soft: #eef3fc; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--text); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 32px auto; padding: 32px 40px; background: #fff; border: 1px solid var(--line); border-radius: 10px; }
h1 { margin: 0 0 8px; font-size: 24px; line-height: 1.3; }
h2 { margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-size: 18px; }
h3 { margin: 22px 0 6px; font-size: 15.5px; }
p { margin: 8px 0; }
.kicker { margin: 0 0 4px; color: var(--accent); font-size: 12.5px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
.muted, caption, .see, footer { color: var(--muted); font-size: 13px; }
.verdict { padding: 10px 16px; border-left: 3px solid var(--accent); background: var(--soft); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 10px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; margin: 12px 0; border-collapse: collapse; font-size: 13.5px; }
caption { margin-bottom: 4px; text-align: left; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.names { font-size: 12.5px; }
tr.model th, tr.model td { font-weight: 700; }
.tag { margin-left: 6px; padding: 1px 6px; border-radius: 8px; background: #e3f4ea; color: #1c7a43; font-size: 11px; font-weight: 600; }
.member { padding: 4px 0 8px; }
.display { margin: 12px 0; overflow-x: auto; overflow-y: hidden; }
.katex-display { margin: 0.6em 0; }
pre { margin: 10px 0; padding: 12px 14px; overflow-x: auto; border-radius: 6px; background: #1d2330; color: #f3f5f8; font-size: 13px; line-height: 1.5; white-space: pre-wrap; word-break: break-all; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
ul { margin: 8px 0; padding-left: 22px; }
a { color: var(--accent); }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--line); }
@media print {
  body { background: #fff; }
  main { margin: 0; padding: 0; border: 0; }
  section { break-inside: avoid; }
  pre { background: #f3f5f8; color: var(--text); }
}
`;

/** The card as one HTML document that needs nothing else to be read. */
export function modelCardHtml(card: ModelCard): string {
  const blocks = new Map(card.equations.map((b) => [b.id, b]));
  const d = card.data;
  const settingRows = card.settings.map((s) => `<tr><th scope="row">${escapeHtml(s.name)}</th><td>${escapeHtml(s.value)}</td></tr>`).join('');
  const sections = [
    `<header><p class="kicker">Tidecast model card</p><h1>${escapeHtml(card.title)}</h1><p>${escapeHtml(card.summary)}</p></header>`,
    card.verdict ? `<p class="verdict">${escapeHtml(card.verdict)}</p>` : '',
    `<section><h2>Record</h2>` +
      definitionList([
        ['Model', card.model],
        ['Created', `${card.app.createdAt} by Tidecast ${card.app.version} (model format ${card.app.modelFormatVersion})`],
        ['Data', `${d.source}: ${d.target}${d.covariates.length ? ` with ${d.covariates.join(', ')}` : ''}, ${d.rows} rows from ${d.first} to ${d.last}`],
        ['Data fingerprint', `${d.fingerprint} (FNV-1a over the times, target and covariates the model was trained on)`],
        ['Time column', d.timeColumn || '(none: row numbers)'],
        ['Frequency and season', `${d.frequency}, season of ${d.season} steps`],
        ['Horizon', `${card.horizon} steps`],
        ['Seed', String(card.seed)],
        ['Parameters', `${integer.format(card.totalParameters)} in all`],
      ]) +
      `</section>`,
    `<section><h2>Model</h2>` +
      (card.forecastBy
        ? `<p class="verdict">The forecast is the ${escapeHtml(card.forecastBy.title)} baseline's: ${escapeHtml(card.forecastBy.explanation)}</p>`
        : '') +
      card.members.map((m) => memberSection(m, blocks)).join('') +
      `</section>`,
    card.equations.length ? `<section><h2>Equations</h2>${card.equations.map(equationSection).join('')}</section>` : '',
    `<section><h2>Accuracy against the baselines</h2><p>${escapeHtml(card.metrics.text)}</p>${metricsTable(card.metrics.rows)}<p>${escapeHtml(card.intervals)}</p></section>`,
    `<section><h2>Settings</h2><table class="settings"><tbody>${settingRows}</tbody></table></section>`,
    `<section><h2>Reproduce this run</h2><p>With the <code>tidecast</code> command (from a clone of Tidecast: <code>npm run forecast --</code> followed by the same arguments):</p>` +
      `<pre><code>${escapeHtml(card.reproduce.command)}</code></pre><ul>${card.reproduce.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`,
    `<footer>Written by Tidecast ${escapeHtml(card.app.version)}; math typeset with KaTeX ${escapeHtml(KATEX_VERSION)}. This page holds everything it shows and runs no script.</footer>`,
  ];
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${CARD_CSP}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta name="generator" content="Tidecast ${escapeHtml(card.app.version)}">\n` +
    `<title>Model card: ${escapeHtml(card.title)}</title>\n` +
    `<style>${KATEX_CSS}</style>\n<style>${CARD_STYLE}</style>\n</head>\n<body>\n<main>\n${sections.filter(Boolean).join('\n')}\n</main>\n</body>\n</html>\n`
  );
}
