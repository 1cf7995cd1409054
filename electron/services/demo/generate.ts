// Builds the demo tenant from a seed: the scenario devices first (stable names and serials), then
// ordinary devices up to `deviceCount`. Pure and fast: 50,000 devices take well under a few seconds.
import { Random } from './random.ts';
import { firstNames, jobTitles, lastNames, locationGroups, windowsBuilds, windowsHardware } from './names.ts';
import { scenarioDeviceName, scenarioIds, scenarios, serialFromName, type ScenarioId } from './scenarios.ts';
import type { GraphUser, IntuneDevice, LoggedOnUser, TenantData, Ws1Device, Ws1JoinType, Ws1User, Ws1UserMode } from './model.ts';

export interface GenerateOptions {
  seed: number;
  deviceCount: number;
  /** Reference time (ms) that every generated date is relative to. */
  now: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DOMAIN = 'contoso.com';
const NETBIOS = 'CONTOSO';
const NO_DEVICE_ID = '00000000-0000-0000-0000-000000000000';

export function generateTenant(options: GenerateOptions): TenantData {
  const root = new Random(options.seed);
  const g = new Generator(root, options.now);
  g.makeUsers(Math.max(400, Math.ceil(options.deviceCount * 0.4)));
  for (const id of scenarioIds) {
    for (let i = 0; i < scenarios[id].count; i++) g.scenarioDevice(id, i);
  }
  const filler = options.deviceCount - g.physicalCount;
  for (let i = 0; i < filler; i++) g.fillerDevice(i);
  return g.result(options.seed);
}

class Generator {
  readonly users: GraphUser[] = [];
  readonly people: GraphUser[] = [];
  readonly ws1Users: Ws1User[] = [];
  readonly ws1ByName = new Map<string, Ws1User>();
  readonly intune: IntuneDevice[] = [];
  readonly ws1: Ws1Device[] = [];
  readonly serials = new Set<string>();
  physicalCount = 0;
  private nextWs1DeviceId = 20001;
  private nextWs1UserId = 10401;
  /** Separate streams, so more users do not reshuffle the devices. */
  private readonly r: Random;
  private readonly userRandom: Random;
  private readonly accounts: Partial<TenantData['accounts']> = {};

  constructor(
    root: Random,
    private readonly now: number,
  ) {
    this.r = root.fork('devices');
    this.userRandom = root.fork('users');
  }

  makeUsers(count: number): void {
    const r = this.userRandom;
    const taken = new Set<string>();
    const add = (given: string, surname: string, alias: string, display = `${given} ${surname}`, title: string | null = null): GraphUser => {
      const u: GraphUser = {
        id: r.guid(),
        displayName: display,
        givenName: given,
        surname,
        userPrincipalName: `${alias}@${DOMAIN}`,
        mail: `${alias}@${DOMAIN}`,
        accountEnabled: true,
        onPremisesSamAccountName: alias.slice(0, 20),
        jobTitle: title,
      };
      taken.add(alias);
      this.users.push(u);
      return u;
    };
    this.accounts.demLab = add('DEM', 'Lab 01', 'dem.lab01', 'DEM Lab 01', 'Device enrollment manager');
    this.accounts.demClassroom = add('DEM', 'Classroom', 'dem.classroom', 'DEM Classroom', 'Device enrollment manager');
    this.accounts.sharedAccount = add('Remote Assist', 'Ward A', 'remote.assist', 'Remote Assist Ward A (shared)', 'Shared device account');
    this.accounts.helpdesk = add('Helpdesk', 'Technician', 'helpdesk.tech', 'Helpdesk Technician', 'Helpdesk');
    const pkg = `package_${r.guid()}`;
    this.accounts.bulkPackage = add('package', 'bulk', pkg, pkg);
    this.accounts.bulkPackage.userPrincipalName = `${pkg}@contoso.onmicrosoft.com`;
    this.accounts.bulkPackage.mail = '';
    this.accounts.bulkPackage.onPremisesSamAccountName = null;
    // Exists in Entra ID but was never synced to UEM (the "user not found" reassignment).
    add('Nora', 'Starter', 'nora.starter', 'Nora Starter', 'Trainee');
    for (let i = 0; this.people.length < count; i++) {
      const given = firstNames[i % firstNames.length];
      const surname = lastNames[Math.floor(i / firstNames.length) % lastNames.length];
      const base = `${given}.${surname}`.toLowerCase();
      const round = Math.floor(i / (firstNames.length * lastNames.length));
      const alias = round === 0 ? base : `${base}${round + 1}`;
      if (taken.has(alias)) continue;
      this.people.push(add(given, surname, alias, undefined, r.pick(jobTitles)));
    }
    // Directory-synced UEM users: everyone except the trainee and the bulk package account.
    for (const u of this.users) {
      if (u.userPrincipalName.startsWith('nora.starter') || u === this.accounts.bulkPackage) continue;
      this.addWs1User(u.onPremisesSamAccountName ?? u.userPrincipalName, u.givenName, u.surname, u.userPrincipalName, 'Directory', false);
    }
    this.accounts.staging = this.addWs1User('lab.staging', 'Lab', 'Staging', `lab.staging@${DOMAIN}`, 'Basic', true);
  }

  private addWs1User(userName: string, firstName: string, lastName: string, upn: string, securityType: Ws1User['securityType'], staging: boolean): Ws1User {
    const u: Ws1User = {
      id: this.nextWs1UserId++,
      uuid: this.userRandom.guid(),
      userName,
      firstName,
      lastName,
      email: upn,
      userPrincipalName: upn,
      externalId: this.userRandom.guid(),
      status: true,
      securityType,
      staging,
    };
    this.ws1Users.push(u);
    this.ws1ByName.set(userName.toLowerCase(), u);
    return u;
  }

  private person(): GraphUser {
    return this.r.pick(this.people);
  }

  private ws1UserFor(u: GraphUser): Ws1User {
    const found = this.ws1ByName.get((u.onPremisesSamAccountName ?? '').toLowerCase());
    if (!found) throw new Error(`demo: ${u.userPrincipalName} is not a UEM user`);
    return found;
  }

  private iso(msAgo: number): string {
    return new Date(this.now - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private loggedOn(users: GraphUser[]): LoggedOnUser[] {
    return users.map((u) => ({ userId: u.id, lastLogOnDateTime: this.iso(this.r.int(1, 240) * HOUR / 4) }));
  }

  private randomSerial(): string {
    for (;;) {
      const s = this.r.pick(['5CG', 'PF', 'MXL', '0F', 'CZC']) + this.r.hex(7).toUpperCase();
      if (!this.serials.has(s)) return s;
    }
  }

  scenarioDevice(id: ScenarioId, index: number): void {
    const name = scenarioDeviceName(id, index);
    const serial = id === 'ipad-user-enrollment' ? '' : serialFromName(name);
    const spec = scenarios[id];
    const a = this.accounts as TenantData['accounts'];
    const r = this.r;
    this.physicalCount++;
    if (serial) this.serials.add(serial);
    const person = this.person();
    const someone = (n: number) => Array.from({ length: n }, () => this.person());
    const intune = (over: Partial<IntuneDevice>) => this.intune.push(this.intuneDevice(name, serial, person, id, over));
    const ws1 = (over: Partial<Ws1Device>, enrolled: Ws1User) => this.ws1.push(this.ws1Device(name, serial, enrolled, id, over));
    const domainUser = (u: GraphUser) => `${NETBIOS}\\${u.onPremisesSamAccountName}`;
    switch (id) {
      case 'dem-primary-user':
      case 'dem-near-limit': {
        const dem = id === 'dem-primary-user' ? a.demLab : a.demClassroom;
        // every tenth lab device is not handed out yet: only the DEM account has signed in (no one to choose)
        const loggedOn = this.loggedOn([dem, ...someone(r.int(1, 4))]);
        const notHandedOut = id === 'dem-primary-user' && index % 10 === 9;
        intune({ ...primary(dem), deviceEnrollmentType: 'deviceEnrollmentManager', enrolledByUserPrincipalName: dem.userPrincipalName, autopilotEnrolled: false, enrollmentProfileName: null, usersLoggedOn: notHandedOut ? loggedOn.filter((l) => l.userId === dem.id) : loggedOn });
        break;
      }
      case 'autopilot-self-deploying':
        intune({ ...noPrimary(), deviceEnrollmentType: 'windowsAzureADJoinUsingDeviceAuth', enrollmentProfileName: 'Kiosk - self-deploying', autopilotEnrolled: true, enrolledByUserPrincipalName: null, usersLoggedOn: this.loggedOn(someone(r.int(0, 3))) });
        break;
      case 'bulk-enrolled':
        intune({ ...noPrimary(), deviceEnrollmentType: index % 2 === 0 ? 'windowsBulkUserless' : 'windowsBulkAzureDomainJoin', enrollmentProfileName: null, autopilotEnrolled: false, enrolledByUserPrincipalName: a.bulkPackage.userPrincipalName, usersLoggedOn: this.loggedOn(someone(r.int(1, 5))) });
        break;
      case 'user-driven':
        intune({});
        break;
      case 'hybrid-joined':
        intune({ joinType: 'hybridAzureADJoined', deviceEnrollmentType: 'windowsAutoEnrollment', autopilotEnrolled: false, enrollmentProfileName: null });
        break;
      case 'entra-registered':
        intune({ joinType: 'azureADRegistered', deviceEnrollmentType: 'windowsAutoEnrollment', managedDeviceOwnerType: 'personal', autopilotEnrolled: false, enrollmentProfileName: null });
        break;
      case 'co-managed':
        intune({ joinType: 'hybridAzureADJoined', deviceEnrollmentType: 'windowsCoManagement', managementAgent: 'configurationManagerClientMdm', autopilotEnrolled: false, enrollmentProfileName: null });
        break;
      case 'shared-account':
        intune({ ...primary(a.sharedAccount), enrolledByUserPrincipalName: a.sharedAccount.userPrincipalName, usersLoggedOn: this.loggedOn([a.sharedAccount, ...someone(r.int(0, 1))]) });
        break;
      case 'stale-checkin': {
        const ago = r.int(45, 120) * DAY;
        intune({ lastSyncDateTime: this.iso(ago), complianceState: 'noncompliant' });
        ws1({ lastSeen: this.iso(ago + r.int(1, 20) * HOUR), userMode: 'SingleUser', compliant: false }, this.ws1UserFor(person));
        break;
      }
      case 'ipad-user-enrollment':
        intune({
          deviceName: `IPAD-UE-${String(index + 1).padStart(3, '0')}`,
          operatingSystem: 'iPadOS',
          osVersion: '17.6.1',
          model: 'iPad Air (5th generation)',
          manufacturer: 'Apple',
          deviceEnrollmentType: 'appleUserEnrollment',
          managedDeviceOwnerType: 'personal',
          joinType: 'unknown',
          azureADDeviceId: NO_DEVICE_ID,
          autopilotEnrolled: false,
          enrollmentProfileName: 'Account driven user enrollment',
          hardwareInformation: { serialNumber: '', manufacturer: 'Apple', model: 'iPad Air (5th generation)', totalStorageSpace: 0, freeStorageSpace: 0, tpmVersion: '', operatingSystemEdition: '' },
          usersLoggedOn: [],
        });
        break;
      case 'dual-platform':
        intune({ lastSyncDateTime: this.iso(r.int(5, 20) * DAY) });
        ws1({ userMode: index % 2 === 0 ? 'SingleUser' : 'MultiUser', ownership: index % 2 === 0 ? 'C' : 'S' }, this.ws1UserFor(person));
        break;
      case 'ws1-single-user-legacy':
      case 'ws1-single-user':
      case 'ws1-multiuser-capable': {
        const userMode: Ws1UserMode = id === 'ws1-single-user-legacy' ? 'SingleUserLegacy' : id === 'ws1-single-user' ? 'SingleUser' : 'MultiUserCapable';
        ws1({ userMode, lastLoggedInUser: domainUser(person) }, this.ws1UserFor(person));
        break;
      }
      case 'ws1-multiuser':
        ws1({ userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: domainUser(person) }, this.ws1UserFor(person));
        break;
      case 'ws1-enrolled-user-lags': {
        const previous = this.person();
        ws1({ userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: domainUser(person) }, index % 2 === 0 ? this.ws1UserFor(previous) : a.staging);
        break;
      }
      case 'identifier-mismatch':
      case 'group-assignment-prompt':
        ws1({ userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: domainUser(person) }, a.staging);
        break;
      case 'reassignment-user-not-found':
        ws1({ userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: `${NETBIOS}\\nora.starter` }, this.ws1UserFor(person));
        break;
      case 'checkout-restricted':
        ws1({ userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: domainUser(a.helpdesk) }, this.ws1UserFor(person));
        break;
      case 'workgroup-prompt':
        ws1({ userMode: 'MultiUser', ownership: 'S', joinType: 'Workgroup', lastLoggedInUser: `${name}\\shiftuser` }, this.ws1UserFor(person));
        break;
      default: {
        const never: never = id;
        throw new Error(`demo: no generator for ${String(never)} (${spec.prefix})`);
      }
    }
  }

  fillerDevice(index: number): void {
    const r = this.r;
    const serial = this.randomSerial();
    this.serials.add(serial);
    this.physicalCount++;
    const person = this.person();
    const roll = r.next();
    const n = String(10001 + index);
    if (roll < 0.5) {
      this.intune.push(this.intuneDevice(`PC-${n}`, serial, person, null, {}));
    } else if (roll < 0.65) {
      this.intune.push(this.intuneDevice(`HQ-${n}`, serial, person, null, { joinType: 'hybridAzureADJoined', deviceEnrollmentType: 'windowsAutoEnrollment', autopilotEnrolled: false, enrollmentProfileName: null }));
    } else if (roll < 0.87) {
      const userMode = r.pick<Ws1UserMode>(['SingleUserLegacy', 'SingleUser', 'SingleUser', 'MultiUserCapable']);
      this.ws1.push(this.ws1Device(`WS-${n}`, serial, this.ws1UserFor(person), null, { userMode, lastLoggedInUser: `${NETBIOS}\\${person.onPremisesSamAccountName}` }));
    } else if (roll < 0.95) {
      this.ws1.push(this.ws1Device(`FLOOR-${n}`, serial, this.ws1UserFor(person), null, { userMode: 'MultiUser', ownership: 'S', lastLoggedInUser: `${NETBIOS}\\${person.onPremisesSamAccountName}` }));
    } else {
      this.intune.push(this.intuneDevice(`MIG-${n}`, serial, person, null, { lastSyncDateTime: this.iso(r.int(5, 30) * DAY) }));
      this.ws1.push(this.ws1Device(`MIG-${n}`, serial, this.ws1UserFor(person), null, { userMode: 'SingleUser' }));
    }
  }

  /** A user-driven, Entra-joined Windows device unless `over` says otherwise. */
  private intuneDevice(name: string, serial: string, person: GraphUser, scenario: ScenarioId | null, over: Partial<IntuneDevice>): IntuneDevice {
    const r = this.r;
    const hw = r.pick(windowsHardware);
    const enrolledAgo = r.int(20, 700) * DAY;
    const d: IntuneDevice = {
      id: r.guid(),
      deviceName: name,
      serialNumber: serial,
      ...primary(person),
      enrolledDateTime: this.iso(enrolledAgo),
      lastSyncDateTime: this.iso(r.int(5, 60 * 36) * 60_000),
      operatingSystem: 'Windows',
      osVersion: r.pick(windowsBuilds),
      model: hw.model,
      manufacturer: hw.manufacturer,
      complianceState: r.chance(0.9) ? 'compliant' : 'noncompliant',
      managedDeviceOwnerType: 'company',
      deviceEnrollmentType: 'windowsAzureADJoin',
      azureADDeviceId: r.guid(),
      managementAgent: 'mdm',
      deviceRegistrationState: 'registered',
      joinType: 'azureADJoined',
      usersLoggedOn: [],
      enrollmentProfileName: 'Corporate - user-driven',
      autopilotEnrolled: true,
      hardwareInformation: { serialNumber: serial, manufacturer: hw.manufacturer, model: hw.model, totalStorageSpace: 256_060_514_304, freeStorageSpace: r.int(20, 200) * 1_000_000_000, tpmVersion: '2.0', operatingSystemEdition: 'Enterprise' },
      enrolledByUserPrincipalName: person.userPrincipalName,
      scenario,
      ...over,
    };
    if (over.usersLoggedOn === undefined && d.userId) d.usersLoggedOn = this.loggedOn([person]);
    return d;
  }

  private ws1Device(name: string, serial: string, enrolled: Ws1User, scenario: ScenarioId | null, over: Partial<Ws1Device>): Ws1Device {
    const r = this.r;
    const hw = r.pick(windowsHardware);
    const lg = r.pick(locationGroups);
    const build = r.pick(windowsBuilds);
    return {
      id: this.nextWs1DeviceId++,
      uuid: r.guid(),
      udid: r.hex(32).toUpperCase(),
      serialNumber: serial,
      macAddress: r.hex(12).toUpperCase(),
      friendlyName: `${name} Windows Desktop ${build.split('.').slice(0, 3).join('.')}`,
      reportedName: name,
      enrolledUserId: enrolled.id,
      locationGroupId: lg.id,
      locationGroupName: lg.name,
      locationGroupUuid: organizationGroupUuid(lg, r.guid()),
      platform: 'WinRT',
      model: hw.model,
      operatingSystem: build.split('.').slice(0, 3).join('.'),
      ownership: 'C',
      enrollmentStatus: 'Enrolled',
      compliant: r.chance(0.9),
      lastSeen: this.iso(r.int(5, 60 * 30) * 60_000),
      lastEnrolledOn: this.iso(r.int(20, 700) * DAY),
      userMode: 'SingleUser',
      joinType: r.pick<Ws1JoinType>(['DomainJoined', 'DomainJoined', 'HybridAzureADJoined', 'AzureADJoined']),
      lastLoggedInUser: null,
      scenario,
      ...over,
    };
  }

  result(seed: number): TenantData {
    const data: TenantData = {
      seed,
      generatedAt: this.now,
      domain: DOMAIN,
      netbios: NETBIOS,
      users: this.users,
      usersById: new Map(this.users.map((u) => [u.id, u])),
      usersByUpn: new Map(this.users.map((u) => [u.userPrincipalName.toLowerCase(), u])),
      intuneDevices: this.intune,
      intuneById: new Map(this.intune.map((d) => [d.id, d])),
      ws1Users: this.ws1Users,
      ws1UsersById: new Map(this.ws1Users.map((u) => [u.id, u])),
      ws1Devices: this.ws1,
      ws1ById: new Map(this.ws1.map((d) => [d.id, d])),
      ws1ByUuid: new Map(this.ws1.map((d) => [d.uuid, d])),
      accounts: this.accounts as TenantData['accounts'],
    };
    return data;
  }
}

function primary(u: GraphUser): Pick<IntuneDevice, 'userId' | 'userPrincipalName' | 'userDisplayName' | 'emailAddress'> {
  return { userId: u.id, userPrincipalName: u.userPrincipalName, userDisplayName: u.displayName, emailAddress: u.mail };
}

function noPrimary(): Pick<IntuneDevice, 'userId' | 'userPrincipalName' | 'userDisplayName' | 'emailAddress'> {
  return { userId: '', userPrincipalName: '', userDisplayName: '', emailAddress: '' };
}

/** Sets or clears a device's primary user (what `users/$ref` writes do). */
export function setPrimaryUser(d: IntuneDevice, u: GraphUser | null): void {
  Object.assign(d, u ? primary(u) : noPrimary());
}

/** One UUID per organization group (the mode change names it); the draw stays so the rest of the tenant is unchanged. */
function organizationGroupUuid(lg: { uuid: string }, _unusedDraw: string): string {
  return lg.uuid;
}
