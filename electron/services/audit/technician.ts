// Who the audit names when no one is signed in to Entra: the OS account's full name and login, e.g.
// "Anna Berg (anna)". Linux reads the passwd entry's GECOS field, macOS `id -F`; Windows gives DOMAIN\login.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

export function fullNameFromPasswd(passwd: string, login: string): string | null {
  const line = passwd.split('\n').find((l) => l.split(':')[0] === login);
  const gecos = line?.split(':')[4]?.split(',')[0]?.trim();
  return gecos ? gecos : null;
}

function fullName(login: string): string | null {
  try {
    if (process.platform === 'linux') return fullNameFromPasswd(readFileSync('/etc/passwd', 'utf8'), login);
    if (process.platform === 'darwin') return execFileSync('id', ['-F'], { encoding: 'utf8', timeout: 2000 }).trim() || null;
  } catch {
    // no full name: the login alone
  }
  return null;
}

export function technicianLabel(login: string, name: string | null): string {
  return name && name !== login ? `${name} (${login})` : login;
}

/** The OS account, as the audit names it. */
export function osTechnician(env: NodeJS.ProcessEnv = process.env): string {
  const login = userInfo().username;
  const qualified = process.platform === 'win32' && env.USERDOMAIN ? `${env.USERDOMAIN}\\${login}` : login;
  return technicianLabel(qualified, fullName(login));
}
