// The bundled sample series: listed from the samples folder (samples/ in development,
// <resources>/samples when packaged) and opened by file name only.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SampleInfo, TextFile } from './contract';
import { isSafeDataName, readTextFile } from './files';

/** Titles and one-line descriptions; a CSV without an entry is still listed, titled from its name. */
const CATALOG: Readonly<Record<string, { title: string; description: string }>> = {
  'au_wine_sales.csv': {
    title: 'Australian wine sales',
    description: 'Monthly wine sales by Australian winemakers (litres, bottles up to 1 l), Jan 1980 – Aug 1994.',
  },
  'nyc_air_quality.csv': {
    title: 'New York air quality',
    description: 'Daily ozone with solar radiation, wind and temperature, May – Sep 1973; 37 days of ozone missing.',
  },
};

/** Bundled samples are small; this bounds what a swapped-in file could make main read. */
const MAX_SAMPLE_BYTES = 64 * 1024 * 1024;

export class SampleNotFoundError extends Error {
  constructor(name: string, available: readonly string[]) {
    super(`There is no bundled sample named "${name}". Available: ${available.length > 0 ? available.join(', ') : 'none'}.`);
    this.name = 'SampleNotFoundError';
  }
}

/** The catalogued samples first (in catalog order), then any other CSV, by name. */
export async function listSamples(dir: string): Promise<SampleInfo[]> {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.csv') && isSafeDataName(n));
  const order = Object.keys(CATALOG);
  const rank = (n: string): number => (order.includes(n) ? order.indexOf(n) : order.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const entry = CATALOG[name] ?? { title: titleFromFileName(name), description: '' };
      return { name, ...entry, bytes: (await stat(join(dir, name))).size };
    }),
  );
}

export async function openSample(dir: string, name: string): Promise<TextFile> {
  const available = (await listSamples(dir)).map((s) => s.name);
  // Membership in the listing is the real guard; the name check keeps joins obviously safe.
  if (!isSafeDataName(name) || !available.includes(name)) throw new SampleNotFoundError(name, available);
  const { text, encoding, bytes } = await readTextFile(join(dir, name), MAX_SAMPLE_BYTES);
  return { name, text, encoding, bytes };
}

export function titleFromFileName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim();
  return stem.length > 0 ? stem[0]!.toUpperCase() + stem.slice(1) : name;
}
