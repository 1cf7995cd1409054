// Error codes technicians meet in IME, MDM and Hub logs. Meanings are from Microsoft's published lists
// (winerror.h, Intune troubleshooting pages) as remembered, not verified against a tenant: correct here.
import type { ErrorCodeInfo } from '../../common/logs.ts';

type Row = [code: string, kind: ErrorCodeInfo['kind'], name: string, meaning: string];

const table: Row[] = [
  ['0x80070005', 'hresult', 'E_ACCESSDENIED', 'Access is denied.'],
  ['0x80070002', 'hresult', 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.'],
  ['0x80070003', 'hresult', 'ERROR_PATH_NOT_FOUND', 'The system cannot find the path specified.'],
  ['0x8007000D', 'hresult', 'ERROR_INVALID_DATA', 'The data is invalid.'],
  ['0x80070057', 'hresult', 'E_INVALIDARG', 'One or more arguments are invalid.'],
  ['0x8007000E', 'hresult', 'E_OUTOFMEMORY', 'Not enough memory resources are available.'],
  ['0x80070070', 'hresult', 'ERROR_DISK_FULL', 'There is not enough space on the disk.'],
  ['0x80070490', 'hresult', 'ERROR_NOT_FOUND', 'Element not found.'],
  ['0x800705B4', 'hresult', 'ERROR_TIMEOUT', 'This operation returned because the timeout period expired.'],
  ['0x80070643', 'hresult', 'ERROR_INSTALL_FAILURE', 'Fatal error during installation (MSI 1603).'],
  ['0x80070652', 'hresult', 'ERROR_INSTALL_ALREADY_RUNNING', 'Another installation is already in progress (MSI 1618).'],
  ['0x80070BC2', 'hresult', 'ERROR_SUCCESS_REBOOT_REQUIRED', 'The requested operation succeeded; a reboot is required (3010).'],
  ['0x80070BC9', 'hresult', 'ERROR_FAIL_REBOOT_REQUIRED', 'The operation failed; a reboot is required to roll back changes (3017).'],
  ['0x80004005', 'hresult', 'E_FAIL', 'Unspecified error.'],
  ['0x80004004', 'hresult', 'E_ABORT', 'Operation aborted.'],
  ['0x8000FFFF', 'hresult', 'E_UNEXPECTED', 'Catastrophic failure.'],
  ['0x80072EE2', 'hresult', 'WININET_E_TIMEOUT', 'The operation timed out (network).'],
  ['0x80072EE7', 'hresult', 'WININET_E_NAME_NOT_RESOLVED', 'The server name could not be resolved.'],
  ['0x80072EFD', 'hresult', 'WININET_E_CANNOT_CONNECT', 'A connection with the server could not be established.'],
  ['0x80072F8F', 'hresult', 'WININET_E_DECODING_FAILED', 'A security error occurred (often a wrong clock or TLS inspection).'],
  ['0x800704C7', 'hresult', 'ERROR_CANCELLED', 'The operation was cancelled by the user.'],
  ['0x80190190', 'intune', 'HTTP 400', 'The MDM server rejected the request (bad request).'],
  ['0x80190191', 'intune', 'HTTP 401', 'The MDM server refused the credentials (unauthorized).'],
  ['0x80190193', 'intune', 'HTTP 403', 'The MDM server refused the request (forbidden).'],
  ['0x80180001', 'intune', 'MENROLL_E_DEVICE_MESSAGE_FORMAT_ERROR', 'The enrollment server found the request malformed.'],
  ['0x80180002', 'intune', 'MENROLL_E_DEVICE_AUTHENTICATION_ERROR', 'The device could not authenticate to the enrollment server.'],
  ['0x80180003', 'intune', 'MENROLL_E_DEVICE_AUTHORIZATION_ERROR', 'The user is not authorized to enroll (licence or restriction).'],
  ['0x80180005', 'intune', 'MENROLL_E_DEVICE_CERTIFICATEREQUEST_ERROR', 'The enrollment certificate request failed.'],
  ['0x80180014', 'intune', 'MENROLL_E_DEVICENOTSUPPORTED', 'The device is not supported for enrollment: an enrollment restriction (platform, personal device) blocks it, or the device object was deleted.'],
  ['0x80180018', 'intune', 'MENROLL_E_USER_LICENSE', 'The user has no valid Intune licence.'],
  ['0x80180026', 'intune', 'MENROLL_E_DEVICEAPREACHED', 'Co-management or another MDM already manages the device.'],
  ['0x8018002A', 'intune', 'MENROLL_E_USERLICENSE', 'The device is already enrolled or the user cannot enroll more devices.'],
  ['0x801c0003', 'intune', 'DSREG_E_DEVICE_AUTHORIZATION_ERROR', 'The user is not allowed to join devices to Entra ID.'],
  ['0x87D1041C', 'intune', 'Win32 app not detected', 'The app installed, but the detection rule did not find it afterwards.'],
  ['0x87D1041D', 'intune', 'Win32 app requirement not met', 'The requirement rules of the app were not met.'],
  ['0x87D13B9F', 'intune', 'Win32 app install time-out', 'The install command exceeded its time limit.'],
  ['0x87D1313C', 'intune', 'Network connection lost', 'The network connection was lost while the content downloaded.'],
  ['0x87D30065', 'intune', 'Content download failed', 'The app content could not be downloaded.'],
  ['0x87D1B001', 'intune', 'Detection failed', 'The detection script failed to run.'],
  ['0x87D1FDE8', 'intune', 'Remediation failed', 'A policy setting could not be remediated.'],
  ['0x82B00001', 'intune', 'Compliance failed', 'The device is not compliant.'],
  ['0x800F081F', 'hresult', 'CBS_E_SOURCE_MISSING', 'The source files for the feature or repair could not be found.'],
  ['0x800F0922', 'hresult', 'CBS_E_INSTALLERS_FAILED', 'An update could not be installed (often the System Reserved partition or a VPN).'],
  ['0x00240005', 'hresult', 'WU_S_REBOOT_REQUIRED', 'The system must be restarted to complete installation of the update.'],
  ['0x8024402C', 'hresult', 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', 'Windows Update could not resolve the server name.'],
  ['0x80240022', 'hresult', 'WU_E_ALL_UPDATES_FAILED', 'Windows Update: every update failed.'],
  ['0x80244022', 'hresult', 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL', 'Windows Update: the service is unavailable (HTTP 503).'],
];

// Win32 codes found as plain decimals after "error"/"exit code" (MSI and Win32 results).
const win32: [number, string, string][] = [
  [0, 'ERROR_SUCCESS', 'The operation completed successfully.'],
  [2, 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.'],
  [5, 'ERROR_ACCESS_DENIED', 'Access is denied.'],
  [87, 'ERROR_INVALID_PARAMETER', 'The parameter is incorrect.'],
  [1602, 'ERROR_INSTALL_USEREXIT', 'The user cancelled the installation.'],
  [1603, 'ERROR_INSTALL_FAILURE', 'Fatal error during installation.'],
  [1618, 'ERROR_INSTALL_ALREADY_RUNNING', 'Another installation is already in progress.'],
  [1619, 'ERROR_INSTALL_PACKAGE_OPEN_FAILED', 'The installation package could not be opened.'],
  [1620, 'ERROR_INSTALL_PACKAGE_INVALID', 'The installation package is invalid.'],
  [1633, 'ERROR_INSTALL_PLATFORM_UNSUPPORTED', 'The installation package is not supported on this platform.'],
  [1638, 'ERROR_PRODUCT_VERSION', 'Another version of this product is already installed.'],
  [1641, 'ERROR_SUCCESS_REBOOT_INITIATED', 'The installer has started a reboot.'],
  [3010, 'ERROR_SUCCESS_REBOOT_REQUIRED', 'A reboot is required to complete the install.'],
];

const byCode = new Map<string, ErrorCodeInfo>();
for (const [code, kind, name, meaning] of table) byCode.set(code.toLowerCase(), { code: `0x${code.slice(2).toUpperCase()}`, kind, name, meaning });
const byWin32 = new Map<number, ErrorCodeInfo>(win32.map(([n, name, meaning]) => [n, { code: String(n), kind: 'win32', name, meaning }]));

/** Looks a code up: `0x80070005`, `-2147024891` (signed HRESULT) or a Win32 decimal like `1603`. */
export function lookupErrorCode(text: string): ErrorCodeInfo | null {
  const t = text.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) {
    const hex = `0x${t.slice(2).padStart(8, '0').toLowerCase()}`;
    const hit = byCode.get(hex);
    if (hit) return hit;
    const n = parseInt(t, 16);
    // HRESULT_FROM_WIN32: 0x8007xxxx carries a Win32 code.
    if ((n >>> 16) === 0x8007 && byWin32.has(n & 0xffff)) {
      const w = byWin32.get(n & 0xffff) as ErrorCodeInfo;
      return { ...w, code: `0x${t.slice(2).toUpperCase()}`, kind: 'hresult' };
    }
    return null;
  }
  if (/^-\d{6,10}$/.test(t)) return lookupErrorCode(`0x${(Number(t) >>> 0).toString(16)}`);
  if (/^\d{1,5}$/.test(t)) return byWin32.get(Number(t)) ?? null;
  return null;
}

/** Every known code in a message: hex HRESULTs, signed decimals, and Win32 codes after "error"/"exit code". */
export function findErrorCodes(message: string): ErrorCodeInfo[] {
  const found = new Map<string, ErrorCodeInfo>();
  for (const m of message.matchAll(/\b0x[0-9a-fA-F]{8}\b|(?<![\w.])-21\d{8}\b/g)) {
    const info = lookupErrorCode(m[0]);
    if (info) found.set(info.code, info);
  }
  for (const m of message.matchAll(/\b(?:error(?: code)?|exit code|return(?:ed)? (?:value|code)|result)\s*[:=]?\s*(\d{1,5})\b/gi)) {
    const info = lookupErrorCode(m[1]);
    if (info && info.code !== '0') found.set(info.code, info);
  }
  return [...found.values()];
}
