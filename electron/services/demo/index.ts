// Stand-in until the demo tenant lands: same signature, no servers yet.
export interface DemoTenantOptions {
  seed?: number;
  deviceCount?: number;
}

export interface DemoTenant {
  graphUrl: string;
  ws1Url: string;
  ws1TokenUrl: string;
  graphToken: string;
  stop(): Promise<void>;
}

export async function startDemoTenant(_options: DemoTenantOptions = {}): Promise<DemoTenant> {
  return { graphUrl: '', ws1Url: '', ws1TokenUrl: '', graphToken: '', stop: async () => {} };
}
