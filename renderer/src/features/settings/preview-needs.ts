// What connecting a tenant needs, as the browser preview's Tenants screen says it.

/** The delegated Graph permissions the app asks for, by when (electron/services/auth/scopes.ts; a unit test keeps them equal). */
export const previewGraphScopes = {
  read: ['DeviceManagementManagedDevices.Read.All', 'User.ReadBasic.All'],
  write: ['DeviceManagementManagedDevices.ReadWrite.All'],
  privileged: ['DeviceManagementManagedDevices.PrivilegedOperations.All'],
  auditLogs: ['AuditLog.Read.All'],
};
