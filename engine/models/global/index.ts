// One recurrent network across many series (see README.md): training, plain-JSON state,
// forecasting any series from it (also from past origins, for validation), fine-tuning.
export type { FineTuneOptions, GlobalConfig, GlobalTraining } from './config';
export { DEFAULT_TRAINING, validateConfig, validateTraining } from './config';
export { DEFAULT_FINE_TUNE, fineTune, fineTuneWindows } from './finetune';
export type { GlobalForecast, GlobalForecastOptions, OwnBacktest, OwnBacktestSummary } from './forecast';
export { DEFAULT_FORECAST_OPTIONS, MIN_VALUES, backtestOwn, forecastFromOrigins, forecastGlobal } from './forecast';
export type { GlobalModel, GlobalModelState, IntervalTable } from './model';
export { GLOBAL_MODEL_FORMAT, GLOBAL_MODEL_VERSION, INTERVAL_PROBABILITIES, loadGlobalModel } from './model';
export type { SeriesTransform } from './prepare';
export { fitTransform } from './prepare';
export type { GlobalTrainResult, SeedReport, TrainingSeries } from './train';
export { trainGlobal } from './train';
