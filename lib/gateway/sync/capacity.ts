import type { PbxType } from '@/db/schema';

/**
 * GW-4 (MS Teams solution guide §PBX capacities, seed 002 lines 292-300): devices and busy-hour
 * call completions per PBX, and how many users may hold a CloudLink role (the CTI role on MiVoice
 * 5000, the User role on MX-ONE). Only users with the role are monitored for presence and call
 * history. MiVoice Office 400 has no role: every user counts, up to its device limit.
 */
export const PBX_CAPACITY: Record<PbxType, { devices: number; bhcc: number; roleUsers: number }> = {
  mivo400: { devices: 800, bhcc: 4200, roleUsers: 800 },
  mv5000: { devices: 2500, bhcc: 16000, roleUsers: 2500 },
  mxone: { devices: 10000, bhcc: 24000, roleUsers: 5000 },
  mivb: { devices: 5000, bhcc: 12000, roleUsers: 2500 },
};

/** The product names (not translated). */
export const PBX_NAMES: Record<PbxType, string> = {
  mivo400: 'MiVoice Office 400',
  mv5000: 'MiVoice 5000',
  mxone: 'MiVoice MX-ONE',
  mivb: 'MiVoice Business',
};

export type CapacityVerdict =
  | { ok: true; roleUsers: number; devices: number; overDevices: boolean }
  | { ok: false; key: 'gateway.errors.overRoleLimit'; params: { pbx: string; limit: number; count: number; excess: number } };

/**
 * A PBX over its CloudLink-role limit is refused as a whole (nothing is synced: which users would
 * lose monitoring is the customer's choice, made on the PBX). More devices than the PBX supports
 * is reported, not refused: the PBX itself already carries them.
 */
export function checkCapacity(type: PbxType, users: readonly { cloudlinkRole: boolean; devices: number }[]): CapacityVerdict {
  const cap = PBX_CAPACITY[type];
  const roleUsers = type === 'mivo400' ? users.length : users.filter((u) => u.cloudlinkRole).length;
  const devices = users.reduce((n, u) => n + u.devices, 0);
  if (roleUsers > cap.roleUsers) {
    return { ok: false, key: 'gateway.errors.overRoleLimit', params: { pbx: PBX_NAMES[type], limit: cap.roleUsers, count: roleUsers, excess: roleUsers - cap.roleUsers } };
  }
  return { ok: true, roleUsers, devices, overDevices: devices > cap.devices };
}
