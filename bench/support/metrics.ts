import http from 'node:http';

/** Reads the service's Prometheus exposition into `name{labels}` → value. */
export function scrapeMetrics(port: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/metrics', timeout: 5_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const values = new Map<string, number>();
          for (const line of body.split('\n')) {
            if (!line || line.startsWith('#')) continue;
            const space = line.lastIndexOf(' ');
            values.set(line.slice(0, space), Number(line.slice(space + 1)));
          }
          resolve(values);
        });
      })
      .on('error', reject);
  });
}

/** Difference of selected series between two scrapes. */
export function delta(before: Map<string, number>, after: Map<string, number>, names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) out[name] = (after.get(name) ?? 0) - (before.get(name) ?? 0);
  return out;
}
