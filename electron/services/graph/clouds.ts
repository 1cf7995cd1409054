// National clouds: Graph host, sign-in authority and the Intune admin center for portal links.
export type GraphCloud = 'global' | 'usGovL4' | 'usGovDoD' | 'china';

export interface CloudEndpoints {
  graph: string;
  authority: string;
  intunePortal: string;
}

export const graphClouds: Record<GraphCloud, CloudEndpoints> = {
  global: { graph: 'https://graph.microsoft.com', authority: 'https://login.microsoftonline.com', intunePortal: 'https://intune.microsoft.com' },
  usGovL4: { graph: 'https://graph.microsoft.us', authority: 'https://login.microsoftonline.us', intunePortal: 'https://intune.microsoft.us' },
  usGovDoD: { graph: 'https://dod-graph.microsoft.us', authority: 'https://login.microsoftonline.us', intunePortal: 'https://intune.microsoft.us' },
  china: { graph: 'https://microsoftgraph.chinacloudapi.cn', authority: 'https://login.chinacloudapi.cn', intunePortal: 'https://intune.microsoftonline.cn' },
};

/** The device's overview blade in the Intune admin center. */
export function intuneDeviceUrl(portal: string, deviceId: string): string {
  return `${portal}/#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/${encodeURIComponent(deviceId)}`;
}
