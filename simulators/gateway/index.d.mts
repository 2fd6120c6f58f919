/** PBX types of docs/gateway-protocol.md. */
export type PbxType = 'mivo400' | 'mv5000' | 'mxone' | 'mivb';

/** A user on the simulated PBX (the protocol's PbxUser). */
export interface PbxUser {
  /** "u-<n>", stable. */
  pbxUserId: string;
  firstName: string;
  lastName: string;
  /** "first.last.<n>@<emailDomain>", lower-case ASCII; null for every `missingEmailEvery`th user. */
  email: string | null;
  extensions: string[];
  cloudlinkRole: boolean;
  devices: number;
}

/** Fields of a user created or patched through the control API / addUser / updateUser. */
export interface PbxUserInput {
  firstName?: string;
  lastName?: string;
  /** Default for a new user: "first.last.<n>@<emailDomain>"; null = no e-mail. */
  email?: string | null;
  /** Default for a new user: the lowest free extension from 1000. */
  extensions?: string[];
  /** Default true; always true on mivo400. */
  cloudlinkRole?: boolean;
  devices?: number;
}

export interface GatewayFaults {
  /** Stop polling and posting; events keep queueing. */
  offline: boolean;
  /** Delay before carrying out each command. */
  slowMs: number;
  /** configurePbx / testConnection / beginUserSync fail with pbx_auth_failed. */
  wrongPbxCredentials: boolean;
  /** Restart after answering the first fetchUsers page of a snapshot (fires once). */
  restartMidSync: boolean;
  /** Every event batch is posted twice. */
  duplicateEvents: boolean;
  /** Batches shuffled, and each lineState followed by an older one (at - 5 s, another state). */
  outOfOrder: boolean;
}

export type GatewayStatusEvent =
  | { type: 'linkCode'; linkCode: string }
  | { type: 'claimed'; gatewayId: string | null; accountName: string | null }
  | { type: 'unclaimed'; reason: 'factoryReset' | 'credentialRefused' };

export interface GatewaySimulatorOptions {
  /** The portal's base URL, e.g. "http://127.0.0.1:3000" (required). */
  portal: string;
  /** Default "mivb". */
  pbx?: PbxType;
  /** Number of generated PBX users; default 50. */
  users?: number;
  platform?: 'standalone' | 'smbc';
  model?: 'physical' | 'virtual';
  /** Default ".data/gateway-sim-<hardwareId>.json"; null = in memory only. */
  stateFile?: string | null;
  /** Control API port; default 0 (a free port); null = no control server. */
  controlPort?: number | null;
  /** Interface of the control server; default "127.0.0.1". */
  host?: string;
  /** Default "SIM-<pbx>-<12 hex>" derived from pbx and seed. */
  hardwareId?: string;
  /** Seed of the user generator; default 1. */
  seed?: number;
  /** Default "example.test". */
  emailDomain?: string;
  /** Every Nth user has email null; default 40; 0 = never. */
  missingEmailEvery?: number;
  /** Users u-1..u-N have the CloudLink role; default all (always all on mivo400). */
  roleUsers?: number | null;
  /** Credentials the PBX accepts in configurePbx; default admin / mitel. */
  pbxUsername?: string;
  pbxPassword?: string;
  /** Default "1.4.2". */
  softwareVersion?: string;
  /** Installed by performUpdate when its payload has no version; default "1.5.0". */
  availableVersion?: string;
  /** Random lineState/userPresence/dnd events per second (while claimed); default 0. */
  eventRate?: number;
  /** Seconds for GET /commands?wait=; default 25. */
  pollWait?: number;
  /** Event batch interval; default 200 ms. */
  flushMs?: number;
  /** claim-status poll interval; default min(pollAfterSeconds, 5) s. */
  claimPollMs?: number | null;
  /** How long a simulated restart keeps the gateway away; default 1500 ms. */
  restartDelayMs?: number;
  /** Log lines to stderr (or to `logger`). */
  verbose?: boolean;
  /** Receives every log line (instead of stderr). */
  logger?: (line: string) => void;
  /** Link code announced, claimed, unclaimed. */
  onStatus?: (event: GatewayStatusEvent) => void;
  /** Faults active from the start. */
  faults?: Partial<GatewayFaults>;
}

export interface GatewayStats {
  eventsQueued: number;
  /** Events in batches the portal answered 2xx (duplicate posts included). */
  eventsSent: number;
  /** Sum of the portal's `accepted`. */
  eventsAccepted: number;
  /** Sum of the portal's `duplicates`. */
  duplicates: number;
  /** Events lost: over the 100,000 cap, or in a batch the portal refused with 400. */
  eventsDropped: number;
  eventBatchRetries: number;
  pending: number;
  /** Commands carried out (re-deliveries not counted). */
  commandsExecuted: number;
  /** Re-delivered commands answered from the stored result. */
  commandsReplayed: number;
}

export interface RecentCommand {
  id: string;
  type: string;
  status: 'ok' | 'error';
  at: string;
}

/** GET /state. */
export interface GatewayState {
  hardwareId: string;
  /** "XXXX-XXXX" */
  linkCode: string;
  gatewayId: string | null;
  claimed: boolean;
  /** The last command poll succeeded. */
  online: boolean;
  restarting: boolean;
  accountName: string | null;
  platform: 'standalone' | 'smbc';
  model: 'physical' | 'virtual';
  pbxType: PbxType;
  pbxVersion: string;
  softwareVersion: string;
  availableVersion: string;
  scheduledUpdate: { version: string; at: string } | null;
  site: Record<string, unknown> | null;
  /** Never the password. */
  pbx: { type: PbxType; address: string | null; configured: boolean };
  users: number;
  roleUsers: number;
  eventRate: number;
  faults: GatewayFaults;
  stats: GatewayStats;
  /** The last 50, oldest first. */
  recentCommands: RecentCommand[];
}

/** emit() / POST /events: pbxUserId defaults to the first user with the CloudLink role. */
export type GatewayEventInput =
  | { type: 'lineState'; pbxUserId?: string; at?: string; extension?: string; state?: 'idle' | 'ringing' | 'busy' | 'held' | 'unavailable' }
  | { type: 'userPresence'; pbxUserId?: string; at?: string; presence?: 'available' | 'away' | 'busy' | 'doNotDisturb' | 'offline' }
  | { type: 'dnd'; pbxUserId?: string; at?: string; enabled?: boolean }
  | {
      type: 'callRecord';
      pbxUserId?: string | null;
      at?: string;
      id?: string;
      startedAt?: string;
      durationSeconds?: number;
      direction?: 'in' | 'out' | 'internal';
      from?: string;
      to?: string;
    };

export interface MicollabPresenceEntry {
  pbxUserId: string;
  email: string | null;
  availability: string;
  activity: string;
  /** ms since the epoch, with sub-millisecond precision. */
  at: number;
}

export interface GatewaySimulator {
  hardwareId: string;
  /** e.g. "http://127.0.0.1:41234"; null without a control server. */
  controlUrl: string | null;
  /** The current link code, "XXXX-XXXX". */
  linkCode(): string;
  state(): GatewayState;
  users(): PbxUser[];
  /** Throws (status 400/409) on bad input. */
  addUser(user: PbxUserInput & { firstName: string; lastName: string }): PbxUser;
  /** Throws (status 404) for an unknown user. */
  updateUser(pbxUserId: string, patch: PbxUserInput): PbxUser;
  removeUser(pbxUserId: string): void;
  /** Queue an event; returns its id. */
  emit(event: GatewayEventInput): string;
  setEventRate(perSecond: number): void;
  /** What MiCollab received through `setMicollabPresence` (TEAMS-4): the latest per user, and every delivery after `since` (ms epoch). */
  micollabPresence(since?: number): { current: MicollabPresenceEntry[]; received: MicollabPresenceEntry[] };
  /** Merge; returns all faults. */
  setFaults(faults: Partial<GatewayFaults>): GatewayFaults;
  /** Simulated restart; resolves when the gateway runs again. */
  restart(): Promise<void>;
  /** Send pending events now; resolves with the stats when the queue is empty (or after 10 s). */
  flush(): Promise<GatewayStats>;
  /** POST /credential/rotate and persist the new credential. */
  rotateCredential(): Promise<boolean>;
  /** Resolves with the state once predicate(state) is true; rejects after timeoutMs (default 10 s). */
  waitFor(predicate: (state: GatewayState) => boolean, timeoutMs?: number): Promise<GatewayState>;
  /** Stop every loop, timer and server; writes the state file. Idempotent. */
  stop(): Promise<void>;
}

export function startGatewaySimulator(options: GatewaySimulatorOptions): Promise<GatewaySimulator>;
