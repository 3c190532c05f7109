// A card's equations: each cell's are PyTorch's documented ones, line for line; bidirectional,
// stacked and head blocks appear where the network has them and say how the directions read
// the window and join; every formula typesets with KaTeX in strict mode, and the MathML form
// the app shows carries no style attribute (the app's CSP forbids inline styles).
import { describe, expect, it } from 'vitest';
import type { RecurrentConfig } from '../../../engine/models/recurrent';
import { cellEquations, networkEquations } from '../../../engine/report/equations';
import { typesetDisplay } from '../../../engine/report/typeset';

// The `.. math::` blocks of torch.nn.RNN, LSTM and GRU's docstrings in torch 1.13
// (/usr/bin/python3 -c "import torch.nn as nn; print(nn.LSTM.__doc__)").
const PYTORCH: Record<'rnn' | 'lstm' | 'gru', string> = {
  rnn: String.raw`h_t = \tanh(x_t W_{ih}^T + b_{ih} + h_{t-1}W_{hh}^T + b_{hh})`,
  lstm: String.raw`\begin{array}{ll} \\
            i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \\
            f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\
            g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
            o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\
            c_t = f_t \odot c_{t-1} + i_t \odot g_t \\
            h_t = o_t \odot \tanh(c_t) \\
        \end{array}`,
  gru: String.raw`\begin{array}{ll}
            r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{(t-1)} + b_{hr}) \\
            z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{(t-1)} + b_{hz}) \\
            n_t = \tanh(W_{in} x_t + b_{in} + r_t * (W_{hn} h_{(t-1)}+ b_{hn})) \\
            h_t = (1 - z_t) * n_t + z_t * h_{(t-1)}
        \end{array}`,
};

/** One formula per line, spacing and layout commands removed, PyTorch's GRU notation as its LSTM's. */
function lines(latex: string): string[] {
  return latex
    .replace(/\\begin\{(array|aligned)\}(\{[a-z]+\})?|\\end\{(array|aligned)\}/g, '')
    .replace(/\\left|\\right|&|\s+/g, '')
    .replace(/\^\{\\top\}/g, '^T')
    .replace(/h_\{\(t-1\)\}/g, 'h_{t-1}')
    .replace(/\*/g, '\\odot')
    .split('\\\\')
    .filter((l) => l !== '');
}

const channels = (covariates: number, calendar: number, known = 0) => ({ covariates, known, calendar });

const config = (over: Partial<RecurrentConfig>): RecurrentConfig => ({
  cell: 'lstm', bidirectional: false, layers: 1, hidden: 8, dropout: 0, lookback: 24, log: false, normalisation: 'last', seed: 1,
  training: { epochs: 1, patience: 1, batchSize: 1, learningRate: 1, weightDecay: 0, clipNorm: 1, loss: 'mse', huberDelta: 1, plateauEpochs: 1, maxTrainWindows: 1, windowsPerEpoch: 1, workBudget: 0 },
  ...over,
});

describe('cell equations', () => {
  it.each(['rnn', 'lstm', 'gru'] as const)('%s: the same formulas as PyTorch documents, line for line', (cell) => {
    const block = cellEquations(cell);
    expect(lines(block.latex[0]!)).toEqual(lines(PYTORCH[cell]));
  });

  it('give each cell\'s gate order in its weight tensors, as PyTorch stacks them', () => {
    expect(cellEquations('lstm').latex[1]).toMatch(/weight\\_ih\\_l\}k = \\begin\{bmatrix\} W_\{ii\} \\\\ W_\{if\} \\\\ W_\{ig\} \\\\ W_\{io\} \\end\{bmatrix\} \\in \\mathbb\{R\}\^\{4H \\times D_k\}/);
    expect(cellEquations('gru').latex[1]).toMatch(/W_\{ir\} \\\\ W_\{iz\} \\\\ W_\{in\} \\end\{bmatrix\} \\in \\mathbb\{R\}\^\{3H \\times D_k\}/);
    expect(cellEquations('lstm').text).toContain('order i, f, g, o');
    expect(cellEquations('gru').text).toContain('order r, z, n');
  });
});

describe('a network\'s equation blocks', () => {
  it('add the bidirectional block only for two directions, saying how each reads the window and how they join', () => {
    const uni = networkEquations(config({}), channels(0, 2)).map((b) => b.id);
    const bi = networkEquations(config({ bidirectional: true }), channels(0, 2));
    expect(uni).not.toContain('bidirectional');
    const block = bi.find((b) => b.id === 'bidirectional')!;
    expect(block.latex[0]).toContain(String.raw`\overrightarrow{h}_t &= \operatorname{cell}\left(x_t, \overrightarrow{h}_{t-1}\right), \quad t = 1, \dots, T`);
    expect(block.latex[0]).toContain(String.raw`\overleftarrow{h}_t &= \operatorname{cell}_{\mathrm{reverse}}\left(x_t, \overleftarrow{h}_{t+1}\right), \quad t = T, \dots, 1`);
    expect(block.latex[0]).toContain(String.raw`y_t &= \begin{bmatrix} \overrightarrow{h}_t \\ \overleftarrow{h}_t \end{bmatrix} \in \mathbb{R}^{2H}`);
    expect(block.text).toMatch(/oldest step to its newest.*newest step back to the oldest.*_reverse.*forward first/);
  });

  it('feed the head the final states: h_T, or [forward h_T; backward h_1] of the top layer', () => {
    const head = (c: RecurrentConfig) => networkEquations(c, channels(0, 0)).at(-1)!;
    expect(head(config({})).latex[0]).toContain(String.raw`W_{\mathrm{head}} h_T + b_{\mathrm{head}} \in \mathbb{R}^{K}`);
    const bi = head(config({ bidirectional: true, layers: 2 }));
    expect(bi.latex[0]).toContain(String.raw`\begin{bmatrix} \overrightarrow{h}^{(2)}_T \\ \overleftarrow{h}^{(2)}_1 \end{bmatrix}`);
    expect(bi.latex[0]).toContain(String.raw`W_{\mathrm{head}} \in \mathbb{R}^{K \times 2H}`);
  });

  it('feed the head the known covariates at every step ahead, after the final states, and widen its weight to match', () => {
    const blocks = networkEquations(config({ bidirectional: true }), channels(0, 2, 3));
    expect(blocks[0]!.latex[0]).toContain(String.raw`x_t = \begin{bmatrix} \tilde{y}_t - \ell \\ \tilde{k}_t \\ \kappa_t \end{bmatrix}`);
    const head = blocks.at(-1)!;
    expect(head.latex[0]).toContain(String.raw`\begin{bmatrix} \overrightarrow{h}_T \\ \overleftarrow{h}_1 \\ \tilde{k}_{T+1} \\ \vdots \\ \tilde{k}_{T+K} \end{bmatrix}`);
    expect(head.latex[0]).toContain(String.raw`W_{\mathrm{head}} \in \mathbb{R}^{K \times (2H + 3K)}`);
    expect(head.text).toContain('3 per step');
  });

  it('stack layers only when there are several, with dropout only when it is used', () => {
    expect(networkEquations(config({}), channels(0, 0)).map((b) => b.id)).toEqual(['inputs-level-last-0-0-0', 'cell-lstm', 'output-uni-1-0-level-last']);
    const stacked = networkEquations(config({ layers: 3, bidirectional: true, dropout: 0.2 }), channels(1, 2));
    expect(stacked.map((b) => b.id)).toEqual(['inputs-level-last-1-0-2', 'cell-lstm', 'bidirectional', 'stack-bi-dropout', 'output-bi-3-0-level-last']);
    expect(stacked[3]!.latex[0]).toContain(String.raw`\delta^{(l-1)}_t \odot y^{(l-1)}_t`);
  });

  it('write the anchor and the way back to data units the member uses', () => {
    const seasonal = networkEquations(config({ normalisation: 'season', log: true }), channels(0, 0));
    expect(seasonal[0]!.latex[0]).toContain(String.raw`\tilde{y}_t = \frac{\ln y_t - \mu}{\sigma}`);
    expect(seasonal.at(-1)!.latex[1]).toContain(String.raw`\hat{y}_{T+j} = \exp\left(\mu + \sigma \left(a_j + \hat{v}_j\right)\right)`);
    expect(seasonal.at(-1)!.latex[1]).toContain(String.raw`a_j = \tilde{y}_{T+j-m\lceil j/m \rceil}`);
  });

  it('typeset in KaTeX\'s strict mode, and as MathML without a single style attribute', () => {
    const blocks = [
      ...(['rnn', 'lstm', 'gru'] as const).flatMap((cell) =>
        [false, true].flatMap((bidirectional) =>
          (['none', 'last', 'mean', 'season'] as const).flatMap((normalisation) =>
            networkEquations(config({ cell, bidirectional, normalisation, layers: 2, dropout: 0.1, log: normalisation === 'mean' }), channels(1, 2, normalisation === 'season' ? 2 : 0)),
          ),
        ),
      ),
    ];
    for (const latex of blocks.flatMap((b) => b.latex)) {
      const html = typesetDisplay(latex, 'htmlAndMathml');
      expect(html).toContain('class="katex-html"');
      expect(html).not.toContain('katex-error');
      const mathml = typesetDisplay(latex, 'mathml');
      expect(mathml).toMatch(/^<span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block">/);
      expect(mathml).not.toMatch(/\sstyle=/);
    }
  });
});
