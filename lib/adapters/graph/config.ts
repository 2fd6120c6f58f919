import 'server-only';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { GRAPH_DEFAULTS, GraphEnvSchema } from '@/lib/env';

/** Graph's own hosts: the client gives its bearer token to these (and to `customHosts`) only. */
export const GRAPH_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'graph.microsoft.de', 'microsoftgraph.chinacloudapi.cn', 'canary.graph.microsoft.com']);

export interface GraphConfig {
  /** GRAPH_URL without a trailing slash, e.g. https://graph.microsoft.com */
  graphUrl: string;
  loginUrl: string;
  /** The GRAPH_URL host when it is not one of Graph's own (an emulator), for the client's `customHosts`. */
  customHosts: Set<string> | undefined;
  /** undici dispatcher: the system CAs, plus GRAPH_CA_FILE's PEM when configured. */
  agent: Agent;
}

let cached: { key: string; config: GraphConfig } | undefined;
const resetHooks: (() => void)[] = [];

/**
 * The Graph settings, read from the environment when first needed and again whenever the GRAPH_*
 * values change, so a test can point the adapter at an emulator per file.
 */
export function graphConfig(source: Record<string, string | undefined> = process.env): GraphConfig {
  const raw = { GRAPH_URL: source.GRAPH_URL || undefined, GRAPH_LOGIN_URL: source.GRAPH_LOGIN_URL || undefined, GRAPH_CA_FILE: source.GRAPH_CA_FILE || undefined };
  const key = JSON.stringify(raw);
  if (cached?.key === key) return cached.config;
  const parsed = GraphEnvSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid Microsoft Graph configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  const graphUrl = (e.GRAPH_URL ?? GRAPH_DEFAULTS.GRAPH_URL).replace(/\/+$/, '');
  const loginUrl = (e.GRAPH_LOGIN_URL ?? GRAPH_DEFAULTS.GRAPH_LOGIN_URL).replace(/\/+$/, '');
  const host = new URL(graphUrl).hostname.toLowerCase();
  // Setting `ca` replaces Node's default list, so the system CAs go in too.
  const ca = e.GRAPH_CA_FILE ? [...rootCertificates, readFileSync(e.GRAPH_CA_FILE, 'utf8')] : undefined;
  const agent = new Agent({ connect: ca ? { ca } : {}, keepAliveTimeout: 30_000 });
  if (cached) {
    // Another Graph (tests: another emulator): what was built on the old one is no use.
    void cached.config.agent.close().catch(() => undefined);
    resetHooks.forEach((h) => h());
  }
  cached = { key, config: { graphUrl, loginUrl, customHosts: GRAPH_HOSTS.has(host) ? undefined : new Set([host]), agent } };
  return cached.config;
}

/** Registers what to forget when the configuration changes (the client, token caches, pacing). */
export function onGraphConfigReset(hook: () => void): void {
  resetHooks.push(hook);
}

/** Forgets the configuration and everything built on it; the next call reads the environment again. */
export async function resetGraphConfig(): Promise<void> {
  const old = cached;
  cached = undefined;
  resetHooks.forEach((h) => h());
  await old?.config.agent.close().catch(() => undefined);
}
