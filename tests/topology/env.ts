import path from 'node:path';

/**
 * The scale-out stack of the topology journeys (scripts/topology.ts): its proxy port (the web
 * processes take the next two), its own embedded PostgreSQL (so a journey can stop it) and data
 * folder. Follows E2E_PORT_BASE like the main stack, 600 ports above it.
 */
const offset = Number(process.env.E2E_PORT_BASE ?? 3100) - 3100;

export const TOPOLOGY = {
  port: 3700 + offset,
  appUrl: `http://localhost:${3700 + offset}`,
  postgresPort: 54379 + offset,
  dataDir: path.resolve(`.data/topology-e2e-${3700 + offset}`),
  password: 'demo-pass-123',
} as const;

export interface TopologyState {
  web: { name: string; port: number; pid: number }[];
  workers: { name: string; pid: number }[];
  postgres: { pid: number; dataDir: string } | null;
}
