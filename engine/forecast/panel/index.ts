// Many series in one file: the run over a panel (one global network across the series,
// per-series backtests, the aggregate), which series a file holds, sharding, and the results'
// shapes. What the app's main process and the CLI call.
export type { PanelAggregate, PanelRun, PanelSeriesResult, PanelSkipped, PanelStrategy } from './types';
export { runPanel, panelBaselineKinds, STATISTICAL_BASELINES_MAX_SERIES } from './run';
export { isPanel, panelSeries, sliceDataset, wideColumns, WIDE_ID_COLUMN } from './series';
export { idHash, parseShard, shardColumns, shardDataset, shardOf } from './shard';
export { aggregateBacktests, panelVerdict } from './aggregate';
export type { PanelModelForecast } from './fromModel';
export { forecastPanelWithModel } from './fromModel';
