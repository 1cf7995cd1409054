// The CLI's help text in one place: what each command group offers and what its options mean. Kept apart
// from the groups so `sdh --help` loads none of the services (./index.ts loads a group when it runs).
import { logLevels } from '../../../common/log-levels.ts';
import type { CliGroup } from '../command.ts';

type Help = Pick<CliGroup, 'usage' | 'options'>;

export const help = {
  lookup: {
    usage: [
      'lookup [--json] [--offline] [--limit N] [--no-sync] QUERY   find devices by name, serial or user on both platforms',
      'lookup sync [--full] [--json]   refresh the offline cache',
    ],
    options: {
      '--offline': 'answer from the local cache only',
      '--limit N': 'print at most N devices (the total is always counted); default: every match',
      '--no-sync': 'do not refresh a stale Workspace ONE cache before searching',
      '--full': 'sync every device, not only those changed since the last sync',
    },
  },
  device: {
    usage: ['device diagnostics NAME [--wait] [--out FILE] [--json]   Collect diagnostics for an Intune Windows device; --wait until uploaded, --out to download the zip'],
    options: {
      '--wait': 'wait until the device has uploaded its diagnostics (minutes on a real device; seconds in the demo)',
      '--out FILE': 'download the zip there (needs --wait)',
    },
  },
  demo: {
    usage: [
      'demo serve [--seed N] [--devices N] [--consume-delay-ms N] [--no-premium] [--json]   run the simulators until Ctrl-C',
      "demo logs --device NAME|SERIAL --out DIR [--seed N]                   write a device's diagnostics zip",
      'demo scenarios [--json]                                               one example device per scenario',
    ],
    options: {
      '--seed N': 'the demo tenant to generate (the same N gives the same devices)',
      '--devices N': 'how many devices to generate',
      '--consume-delay-ms N': 'how long a simulated device takes to pick up a queued mode change',
      '--no-premium': 'a tenant without Entra ID P1: the sign-in logs are refused (403), so user choices fall back to usersLoggedOn',
      '--device NAME|SERIAL': 'the device whose diagnostics zip to write',
      '--out DIR': 'where to write it',
    },
  },
  logs: {
    usage: [
      'logs stats [--json] PATH…                       records, levels and time span per log (files, folders, zips, a.zip!/entry)',
      'logs search [--json] [--regex] [--case] [--level L[,L]] [--limit N] PATTERN PATH…   matching records',
      'logs explain [--json] PATH…                     Workspace ONE reassignment attempts and verdicts',
      'logs apps [--json] PATH…                        Win32 apps in IME logs (AppWorkload, IntuneManagementExtension) and their errors',
      'logs ime [--json] PATH…                         IME timeline: Win32 app, script and remediation runs with outcome, steps and codes',
    ],
    options: {
      '--regex': 'PATTERN is a regular expression (else plain text)',
      '--case': 'match case (else case-insensitive)',
      '--level L[,L]': `only records of these levels: ${logLevels.join(', ')}`,
      '--limit N': 'print at most N matching records (the total is always counted); default 10000',
    },
  },
  mode: {
    usage: [
      'mode plan --to multiuser|singleuser|migrate|shared|user:UPN|last-user|frequent-user[:DAYS]|sync (--devices CSV | QUERY) [--sync] [--json]   preview a mode change',
      'mode run … --yes   plan and run it (the count is confirmed by --yes)',
      'mode resume JOB [--json]   continue a paused or interrupted job',
      'mode undo JOB [--yes] [--json]   preview (or, with --yes, run) the undo of a finished job',
      'mode jobs [--json]   list jobs',
      'mode pending [--json]   check once whether pending WS1 changes have reached their devices',
      'mode audit [--verify] [--csv] [--job JOB] [--device TEXT] [--json]   show, export or verify the audit trail',
    ],
    options: {
      '--to GOAL': 'multiuser, singleuser, migrate (Workspace ONE); shared, user:UPN, last-user, frequent-user[:DAYS], sync (Intune; sent once, no undo)',
      '--devices CSV': 'a CSV of devices: its serial, device, deviceName or name column, else its first column',
      '--sync': 'ask each device to sync after its change',
      '--never-choose P[,P]': 'account patterns (* = any text) never chosen as last or most frequent user, on top of the built-in DEM, staging and service ones',
      '--stage-above N': 'start in stages above N devices for this run (only lower than the default 1,000, never higher)',
      '--yes': 'confirm: run the planned change (without it, only the preview is printed)',
      '--reason TEXT': 'why (recorded in the audit trail); required above 100 devices. Above 1,000 the job runs its first 1 % and pauses: `mode resume JOB` runs the rest',
      '--verify': "check the audit trail's hash chain",
      '--csv': 'print the audit trail as CSV',
      '--job JOB': "only this job's audit entries",
      '--device TEXT': 'only audit entries for devices matching TEXT',
    },
  },
} satisfies Record<string, Help>;
