// A what-if scenario as CSV: the forecast columns every export writes (engine/forecast/
// forecast-csv.ts: timestamp, forecast, lower/upper 80 and 95), then the scenario's inputs —
// each known covariate's value at that step — so the file says what the forecast assumed.
import { forecastCsv, csvNumber, type CsvFormat } from '../../engine/forecast/forecast-csv';
import type { Scenario } from './what-if.svelte';

export function scenarioCsv(scenario: Scenario, format: CsvFormat): string {
  // The delimiter forecastCsv uses: a decimal comma cannot share a line with comma delimiters.
  const d = format.decimal === ',' && format.delimiter === ',' ? ';' : format.delimiter;
  const cell = (text: string) => (/["\r\n]/.test(text) || text.includes(d) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = forecastCsv([{ ids: [], forecast: scenario.forecast }], { format }).trimEnd().split('\n');
  const steps = scenario.forecast.time.length;
  for (const k of scenario.known) {
    if (k.values.length !== steps) throw new Error(`Scenario "${scenario.name}": "${k.name}" has ${k.values.length} values for ${steps} forecast steps.`);
  }
  const out = lines.map((line, i) =>
    i === 0
      ? [line, ...scenario.known.map((k) => cell(k.name))].join(d)
      : [line, ...scenario.known.map((k) => csvNumber(k.values[i - 1]!, format.decimal))].join(d),
  );
  return out.join('\n') + '\n';
}
