/**
 * `npm run demo`: a gateway simulator (simulators/gateway) with a MiVoice Business of 40 users
 * behind it, linked to the demo account Fabrikam BV as soon as the portal answers, so a newcomer
 * can walk the onboarding wizard (GW-2) and then watch line state arrive. Its identity is kept in
 * .data/demo-gateway.json, so a restart brings back the same gateway.
 */
import { eq } from 'drizzle-orm';
import { startGatewaySimulator, type GatewaySimulator } from '../simulators/gateway/index.mjs';
import { log } from './launch';

const DEMO_ACCOUNT = 'Fabrikam BV';

async function waitForPortal(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the portal did not answer within 5 minutes');
}

export async function startDemoGateway(port: number, appUrl: string): Promise<GatewaySimulator> {
  const base = `http://127.0.0.1:${port}`;
  await waitForPortal(base);
  const sim = await startGatewaySimulator({ portal: base, pbx: 'mivb', users: 40, eventRate: 1, stateFile: '.data/demo-gateway.json', controlPort: 0, hardwareId: 'SIM-DEMO-MIVB' });
  await sim.waitFor((s) => s.gatewayId !== null || s.claimed, 30_000);

  const { db } = await import('../db/client');
  const { accounts, gateways } = await import('../db/schema');
  const [account] = await db().select().from(accounts).where(eq(accounts.name, DEMO_ACCOUNT)).limit(1);
  if (!account) {
    log(`demo gateway: link code ${sim.linkCode()} (no "${DEMO_ACCOUNT}" account to link it to)`);
    return sim;
  }
  const [linked] = await db().select({ id: gateways.id }).from(gateways).where(eq(gateways.accountId, account.id)).limit(1);
  if (!linked && !sim.state().claimed) {
    const { claimGateway } = await import('../lib/gateway/claim-gateway');
    const { systemActor } = await import('../lib/auth/system-actor');
    await claimGateway({ ctx: { actor: systemActor({ partnerOrgId: account.partnerOrgId }) }, input: { accountId: account.id, linkCode: sim.linkCode() } });
  }
  log(`demo gateway ${sim.hardwareId} (MiVoice Business, 40 users) is linked to ${DEMO_ACCOUNT}: ${appUrl}/accounts/${account.id}/integrations/gateway`);
  log(`  sign in as bram.beheerder@fabrikam.example (its admin); the PBX user name is admin, the password mitel; simulator control API ${sim.controlUrl}`);
  return sim;
}
