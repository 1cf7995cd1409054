// electron-builder configuration. `npm run dist` builds installers (it downloads Electron, so it needs
// the network; CI does not run it). test/packaging checks the security-relevant keys and packs offline.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.shareddevicehelpdesk.app',
  productName: 'Shared Device Helpdesk',
  copyright: 'Shared Device Helpdesk team',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/main/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // Native modules cannot load from inside the asar.
  asarUnpack: ['**/*.node'],
  // No Electron-ABI rebuild at install time: keytar and better-sqlite3 are N-API / rebuilt when packaging.
  npmRebuild: true,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  fileAssociations: [
    { ext: 'log', name: 'Log file', description: 'Device log', role: 'Viewer' },
    { ext: 'lo_', name: 'Rotated log file', description: 'Rotated device log', role: 'Viewer' },
  ],
  win: { target: ['nsis', 'msi'], artifactName: '${productName}-${version}-${arch}.${ext}' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  msi: { oneClick: false, perMachine: true },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.utilities',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarizes when APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are set in the environment.
    notarize: Boolean(process.env.APPLE_ID && process.env.APPLE_APP_SPECIFIC_PASSWORD && process.env.APPLE_TEAM_ID),
  },
  linux: { target: ['AppImage', 'deb'], category: 'Utility', maintainer: 'Shared Device Helpdesk team' },
};
