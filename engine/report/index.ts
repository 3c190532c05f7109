// Model cards: what a saved model is, how it was trained and how it did, as data (card.ts) and
// as one self-contained HTML document (html.ts, which carries KaTeX's stylesheet and fonts).
export { MODEL_CARD_VERSION, modelCard, withCard, type CardMetrics, type MemberCard, type MetricRow, type ModelCard, type NetworkCard } from './card';
export type { EquationBlock } from './equations';
export { modelCardHtml } from './html';
export type { ParameterCount, ParameterGroup, ParameterTensor } from './parameters';
export { REPRODUCED_MODEL, reproduceCommand, shellQuote, type ReproduceCommand } from './reproduce';
export { katexOptions, typesetDisplay, type MathOutput } from './typeset';
