// INT-4 integration upgrades, pure: what installing each newer version does to an account's
// stored settings. An update walks the steps from the installed version to the shipped one.
import { integrationDefinition, type IntegrationId } from './catalogue';

type Settings = Record<string, unknown>;
/** The step that turns settings of version `from` into settings of version `from + 1`. */
type Step = (settings: Settings) => Settings;

const STEPS: Partial<Record<IntegrationId, Readonly<Record<number, Step>>>> = {
  mitelOne: {
    // Version 2 added Telephony to "Available features", on like the others (seed 3377-3381).
    1: (s) => ({ ...s, features: { ...((s.features as Settings | undefined) ?? {}), telephony: true } }),
  },
};

export interface UpgradeStep {
  readonly from: number;
  readonly to: number;
  readonly apply: Step;
}

/** The steps from `installed` to the shipped version, in order; versions without a step keep the settings. */
export function upgradeSteps(id: IntegrationId, installed: number): UpgradeStep[] {
  const latest = integrationDefinition(id).version;
  const steps: UpgradeStep[] = [];
  for (let from = installed; from < latest; from++) steps.push({ from, to: from + 1, apply: STEPS[id]?.[from] ?? ((s) => s) });
  return steps;
}
