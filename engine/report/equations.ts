// The equations of a recurrent member as LaTeX, in the form PyTorch's documentation of
// torch.nn.RNN, LSTM and GRU gives them (the engine keeps PyTorch's layout and gate orders), plus
// how a bidirectional layer reads the window and joins its two directions, how layers stack,
// and how the window becomes inputs and the head's output becomes the forecast.
//
// Symbols: T = lookback (steps in the window, t = 1..T, oldest first), K = horizon (steps ahead
// j = 1..K), H = hidden units per direction, k = a layer's index in PyTorch's tensor names (0 for
// the first), D_k = its input width (D, then H·directions), m = season length.
// PyTorch writes the GRU's elementwise product as * and its previous state as h_{(t-1)}; the
// card writes ⊙ and h_{t-1} throughout, as PyTorch's LSTM documentation does.
import type { CellKind } from '../nn/spec';
import type { RecurrentConfig } from '../models/recurrent';

/** One titled set of display equations with the words that explain them. */
export interface EquationBlock {
  /** The same id means the same equations: a card shows each block once. */
  id: string;
  title: string;
  /** Display-mode LaTeX, one entry per displayed formula. */
  latex: string[];
  /** What the symbols are and what the formulas say, in plain text. */
  text: string;
}

const PYTORCH_DOCS = 'https://pytorch.org/docs/stable/generated/torch.nn';

/** The cell's equations for one layer and direction, with the gate layout of its weight tensors. */
export function cellEquations(cell: CellKind): EquationBlock {
  switch (cell) {
    case 'rnn':
      return {
        id: 'cell-rnn',
        title: 'Elman RNN cell (torch.nn.RNN, tanh)',
        latex: [
          String.raw`h_t = \tanh\left(x_t W_{ih}^{\top} + b_{ih} + h_{t-1} W_{hh}^{\top} + b_{hh}\right)`,
          String.raw`\texttt{weight\_ih\_l}k = W_{ih} \in \mathbb{R}^{H \times D_k}, \quad \texttt{weight\_hh\_l}k = W_{hh} \in \mathbb{R}^{H \times H}, \quad b_{ih}, b_{hh} \in \mathbb{R}^{H}`,
        ],
        text:
          'h_t is the hidden state after step t, x_t the input at step t and h_{t-1} the state before it (h_0 = 0); x_t and h_t are rows here, as PyTorch writes this cell. ' +
          'Layer k\'s tensors (k = 0 for the first, whose input width D_k is D; H per direction above) hold W_ih and W_hh as written. ' +
          `As in ${PYTORCH_DOCS}.RNN.html, with the tanh non-linearity.`,
      };
    case 'lstm':
      return {
        id: 'cell-lstm',
        title: 'LSTM cell (torch.nn.LSTM)',
        latex: [
          String.raw`\begin{aligned}
i_t &= \sigma\left(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}\right) \\
f_t &= \sigma\left(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}\right) \\
g_t &= \tanh\left(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}\right) \\
o_t &= \sigma\left(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}\right) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}`,
          String.raw`\texttt{weight\_ih\_l}k = \begin{bmatrix} W_{ii} \\ W_{if} \\ W_{ig} \\ W_{io} \end{bmatrix} \in \mathbb{R}^{4H \times D_k}, \quad \texttt{weight\_hh\_l}k = \begin{bmatrix} W_{hi} \\ W_{hf} \\ W_{hg} \\ W_{ho} \end{bmatrix} \in \mathbb{R}^{4H \times H}`,
        ],
        text:
          'h_t is the hidden state and c_t the cell state after step t, x_t the input at step t (h_0 = c_0 = 0); ' +
          'i_t, f_t, g_t and o_t are the input, forget, cell and output gates; σ is the logistic sigmoid and ⊙ the elementwise product. ' +
          'The weight tensors of layer k (0 for the first, whose input width D_k is D; H per direction above) stack the four gates in the order i, f, g, o; the biases bias_ih_l{k} and bias_hh_l{k} likewise (4H each). ' +
          `As in ${PYTORCH_DOCS}.LSTM.html.`,
      };
    case 'gru':
      return {
        id: 'cell-gru',
        title: 'GRU cell (torch.nn.GRU)',
        latex: [
          String.raw`\begin{aligned}
r_t &= \sigma\left(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}\right) \\
z_t &= \sigma\left(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}\right) \\
n_t &= \tanh\left(W_{in} x_t + b_{in} + r_t \odot \left(W_{hn} h_{t-1} + b_{hn}\right)\right) \\
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
\end{aligned}`,
          String.raw`\texttt{weight\_ih\_l}k = \begin{bmatrix} W_{ir} \\ W_{iz} \\ W_{in} \end{bmatrix} \in \mathbb{R}^{3H \times D_k}, \quad \texttt{weight\_hh\_l}k = \begin{bmatrix} W_{hr} \\ W_{hz} \\ W_{hn} \end{bmatrix} \in \mathbb{R}^{3H \times H}`,
        ],
        text:
          'h_t is the hidden state after step t, x_t the input at step t (h_0 = 0); r_t, z_t and n_t are the reset, update and new gates; ' +
          'σ is the logistic sigmoid and ⊙ the elementwise product. The reset gate scales the recurrent part of n_t including its bias b_hn. ' +
          'The weight tensors of layer k (0 for the first, whose input width D_k is D; H per direction above) stack the gates in the order r, z, n; the biases likewise (3H each). ' +
          `As in ${PYTORCH_DOCS}.GRU.html (which writes * for ⊙).`,
      };
  }
}

/** How a bidirectional layer reads the window and joins its two directions. */
export function bidirectionalEquations(): EquationBlock {
  return {
    id: 'bidirectional',
    title: 'Bidirectional layer: two directions over the same window',
    latex: [
      String.raw`\begin{aligned}
\overrightarrow{h}_t &= \operatorname{cell}\left(x_t, \overrightarrow{h}_{t-1}\right), \quad t = 1, \dots, T, \quad \overrightarrow{h}_0 = 0 \\
\overleftarrow{h}_t &= \operatorname{cell}_{\mathrm{reverse}}\left(x_t, \overleftarrow{h}_{t+1}\right), \quad t = T, \dots, 1, \quad \overleftarrow{h}_{T+1} = 0 \\
y_t &= \begin{bmatrix} \overrightarrow{h}_t \\ \overleftarrow{h}_t \end{bmatrix} \in \mathbb{R}^{2H}
\end{aligned}`,
    ],
    text:
      'The forward direction reads the window from its oldest step to its newest; the backward direction reads the same window ' +
      'from the newest step back to the oldest, with its own weights (the tensors whose names end in _reverse). ' +
      'At each step the two hidden states are joined, forward first, into y_t (PyTorch\'s output), which is what the next layer reads. ' +
      'The head reads each direction\'s final state: the forward state after the newest step and the backward state after the oldest (PyTorch\'s h_n).',
  };
}

/** How layer l reads layer l−1 (more than one layer). */
export function stackEquations(bidirectional: boolean, dropout: number): EquationBlock {
  const below = bidirectional ? String.raw`y^{(l-1)}_t` : String.raw`h^{(l-1)}_t`;
  const dropped = dropout > 0;
  return {
    id: `stack-${bidirectional ? 'bi' : 'uni'}-${dropped ? 'dropout' : 'plain'}`,
    title: 'Stacked layers',
    latex: [
      dropped
        ? String.raw`x^{(l)}_t = \delta^{(l-1)}_t \odot ${below}, \quad l \ge 2, \qquad x^{(1)}_t = x_t`
        : String.raw`x^{(l)}_t = ${below}, \quad l \ge 2, \qquad x^{(1)}_t = x_t`,
    ],
    text:
      `Layer l reads, at each step, the ${bidirectional ? 'joined output of both directions' : 'hidden state'} of the layer below` +
      (dropped
        ? `; while training only, each value is dropped with probability ${dropout} (δ is 0 with that probability, else 1/(1 − ${dropout})), as torch.nn's dropout argument does.`
        : '.'),
  };
}

const ANCHORS: Record<RecurrentConfig['normalisation'], { level: string; anchor: string; words: string }> = {
  none: { level: '0', anchor: '0', words: 'The inputs and targets are the standardised values themselves (no anchor).' },
  last: {
    level: String.raw`\tilde{y}_T`,
    anchor: String.raw`\tilde{y}_T`,
    words: 'Inputs are taken relative to the last value of the window, and the network predicts each step as a change from it.',
  },
  mean: {
    level: String.raw`\tfrac{1}{T}\textstyle\sum_{s=1}^{T} \tilde{y}_s`,
    anchor: String.raw`\ell`,
    words: 'Inputs are taken relative to the mean of the window, and the network predicts each step as a departure from it.',
  },
  season: {
    level: String.raw`\tilde{y}_T`,
    anchor: String.raw`\tilde{y}_{T+j-m\lceil j/m \rceil}`,
    words:
      'Inputs are taken relative to the last value of the window; the network predicts each step as a change from the value one season earlier ' +
      '(the seasonal naive forecast), which lies inside the window because the lookback is at least one season.',
  },
};

/** Input channels of a member besides the target (counts). */
export interface InputChannels {
  /** Past-only covariates. */
  covariates: number;
  /** Covariates known in advance (public holidays included): read per step and, at every forecast step, by the head. */
  known: number;
  calendar: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** From the window's values to the network's inputs, for one member configuration. */
export function inputEquations(config: Pick<RecurrentConfig, 'log' | 'normalisation'>, channels: InputChannels): EquationBlock {
  const scaled = config.log ? String.raw`\tilde{y}_t = \frac{\ln y_t - \mu}{\sigma}` : String.raw`\tilde{y}_t = \frac{y_t - \mu}{\sigma}`;
  const a = ANCHORS[config.normalisation];
  const { covariates, known, calendar } = channels;
  const parts = [String.raw`\tilde{y}_t - \ell`];
  if (covariates > 0) parts.push(String.raw`\tilde{c}_t`);
  if (known > 0) parts.push(String.raw`\tilde{k}_t`);
  if (calendar > 0) parts.push(String.raw`\kappa_t`);
  const extras = [
    covariates > 0 ? `c̃_t holds the ${plural(covariates, 'covariate')}, each standardised with its own training mean and standard deviation` : '',
    known > 0 ? `k̃_t the ${plural(known, 'covariate')} known in advance, standardised likewise` : '',
    calendar > 0 ? `κ_t the ${plural(calendar, 'calendar feature')} of step t (sine and cosine of its phase in the season, day or week; a weekend flag)` : '',
  ].filter(Boolean);
  return {
    id: `inputs-${config.log ? 'log' : 'level'}-${config.normalisation}-${covariates}-${known}-${calendar}`,
    title: 'Inputs: from the window to x_t',
    latex: [
      String.raw`${scaled}, \qquad \ell = ${a.level}, \qquad x_t = \begin{bmatrix} ${parts.join(String.raw` \\ `)} \end{bmatrix} \in \mathbb{R}^{D}, \quad t = 1, \dots, T`,
    ],
    text:
      `y_t is the target at step t of the window (t = T the newest); ${config.log ? 'its natural log is' : 'it is'} standardised with the mean μ and ` +
      'standard deviation σ of the training part only. ' +
      a.words +
      (extras.length ? ' ' + extras.join('; ') + '.' : ''),
  };
}

/** The dense head on the last layer's final states (and the known covariates ahead), and back to data units. */
export function outputEquations(config: Pick<RecurrentConfig, 'log' | 'normalisation' | 'bidirectional'>, layers: number, known: number): EquationBlock {
  const top = layers > 1 ? String.raw`^{(${layers})}` : '';
  const states = config.bidirectional ? [String.raw`\overrightarrow{h}${top}_T`, String.raw`\overleftarrow{h}${top}_1`] : [String.raw`h${top}_T`];
  const rows = known > 0 ? [...states, String.raw`\tilde{k}_{T+1}`, String.raw`\vdots`, String.raw`\tilde{k}_{T+K}`] : states;
  const read = rows.length === 1 ? rows[0] : String.raw`\begin{bmatrix} ${rows.join(String.raw` \\ `)} \end{bmatrix}`;
  const stateWidth = config.bidirectional ? '2H' : 'H';
  const width = known > 0 ? `(${stateWidth} + ${known === 1 ? 'K' : `${known}K`})` : stateWidth;
  const a = ANCHORS[config.normalisation];
  const inverse = config.log
    ? String.raw`\hat{y}_{T+j} = \exp\left(\mu + \sigma \left(a_j + \hat{v}_j\right)\right)`
    : String.raw`\hat{y}_{T+j} = \mu + \sigma \left(a_j + \hat{v}_j\right)`;
  return {
    id: `output-${config.bidirectional ? 'bi' : 'uni'}-${layers}-${known}-${config.log ? 'log' : 'level'}-${config.normalisation}`,
    title: 'Dense head: all steps ahead at once',
    latex: [
      String.raw`\hat{v} = W_{\mathrm{head}} ${read} + b_{\mathrm{head}} \in \mathbb{R}^{K}, \qquad W_{\mathrm{head}} \in \mathbb{R}^{K \times ${width}}`,
      String.raw`${inverse}, \qquad a_j = ${a.anchor}, \qquad j = 1, \dots, K`,
    ],
    text:
      `The head (head.weight, head.bias) reads the last layer's final state${config.bidirectional ? 's of both directions' : ''}` +
      (known > 0 ? `, then the known covariates' standardised values at each of the K steps ahead (k̃_{T+1} … k̃_{T+K}, ${known} per step)` : '') +
      ', and gives the K = horizon steps ahead in one pass (direct multi-output forecasting); output j is added to its anchor a_j and turned back into data units' +
      (config.log ? ' (undoing the standardisation, then the log).' : ' (undoing the standardisation).'),
  };
}

/** The recurrent part of any network: its cell, its two directions, its stacked layers. */
export function cellBlocks(cell: CellKind, bidirectional: boolean, layers: number, dropout: number): EquationBlock[] {
  return [
    cellEquations(cell),
    ...(bidirectional ? [bidirectionalEquations()] : []),
    ...(layers > 1 ? [stackEquations(bidirectional, dropout)] : []),
  ];
}

/** Every block describing one recurrent member, in reading order. */
export function networkEquations(config: RecurrentConfig, channels: InputChannels): EquationBlock[] {
  return [
    inputEquations(config, channels),
    ...cellBlocks(config.cell, config.bidirectional, config.layers, config.dropout),
    outputEquations(config, config.layers, channels.known),
  ];
}
