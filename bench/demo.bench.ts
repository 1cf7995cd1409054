// Demo tenant benchmark: generation time (2,200 and 50,000 devices), start-up, a full Graph LIST and
// WS1 search over the 50,000-device tenant, and one diagnostics zip. Writes bench-results/demo.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTenant, scenarioExamples, startDemoTenant } from '../electron/services/demo/index.ts';

const root = new URL('..', import.meta.url).pathname;
const now = Date.parse('2026-11-20T10:00:00Z');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]);
}

function time(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

async function main(): Promise<void> {
  generateTenant({ seed: 1, deviceCount: 2_200, now }); // warm-up
  const generate2200Ms = time(() => generateTenant({ seed: 1, deviceCount: 2_200, now }), 5);
  const generate50kMs = time(() => generateTenant({ seed: 1, deviceCount: 50_000, now }), 3);

  let t0 = performance.now();
  const t = await startDemoTenant({ deviceCount: 50_000, limits: { graphRequests: { max: 1e9, windowMs: 20_000 }, ws1Requests: { max: 1e9, windowMs: 60_000 } } });
  const start50kMs = Math.round(performance.now() - t0);
  try {
    t0 = performance.now();
    let url: string | undefined = `${t.graphUrl}/v1.0/deviceManagement/managedDevices?$select=id,deviceName,serialNumber,userPrincipalName`;
    let graphRows = 0;
    let graphPages = 0;
    while (url) {
      const body = (await (await fetch(url, { headers: { authorization: `Bearer ${t.graphToken}` } })).json()) as { value: unknown[]; '@odata.nextLink'?: string };
      graphRows += body.value.length;
      graphPages++;
      url = body['@odata.nextLink'];
    }
    const graphListAllMs = Math.round(performance.now() - t0);

    const auth = { authorization: `Basic ${Buffer.from(`${t.ws1.basicUser}:${t.ws1.basicPassword}`).toString('base64')}`, 'aw-tenant-code': t.ws1.tenantCode };
    t0 = performance.now();
    let ws1Rows = 0;
    for (let page = 0; ; page++) {
      const res = await fetch(`${t.ws1Url}/api/mdm/devices/search?page=${page}&pagesize=500`, { headers: auth });
      const body = (await res.json()) as { Devices: unknown[]; Total: number };
      ws1Rows += body.Devices.length;
      if (body.Devices.length === 0 || ws1Rows >= body.Total) break;
    }
    const ws1SearchAllMs = Math.round(performance.now() - t0);

    let zipBytes = 0;
    const zipMs = time(() => {
      zipBytes = t.deviceLogs(scenarioExamples['dual-platform'].deviceName)!.length;
    }, 5);

    const result = {
      name: 'demo',
      date: new Date().toISOString(),
      node: process.version,
      generate2200Ms,
      generate50kMs,
      start50kMs,
      graphListAll: { rows: graphRows, pages: graphPages, ms: graphListAllMs },
      ws1SearchAll: { rows: ws1Rows, pageSize: 500, ms: ws1SearchAllMs },
      diagnosticsZip: { bytes: zipBytes, ms: zipMs },
    };
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'demo.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await t.stop();
  }
}

await main();
