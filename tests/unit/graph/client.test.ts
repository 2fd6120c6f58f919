import { describe, expect, it } from 'vitest';
import { mayCarryToken } from '@/lib/adapters/graph/client';
import { graphConfig } from '@/lib/adapters/graph/config';

describe('where the bearer token may go', () => {
  it('only over https, to Graph itself or the configured emulator host', () => {
    expect(mayCarryToken('https://graph.microsoft.com/v1.0/users')).toBe(true);
    expect(mayCarryToken('https://127.0.0.1:2620/v1.0/users', new Set(['127.0.0.1']))).toBe(true);
    expect(mayCarryToken('https://127.0.0.1:2620/v1.0/users')).toBe(false);
    expect(mayCarryToken('http://graph.microsoft.com/v1.0/users')).toBe(false);
    expect(mayCarryToken('https://evil.example/v1.0/users?next=https://graph.microsoft.com/')).toBe(false);
  });

  it('puts a non-Graph GRAPH_URL host into customHosts, and refuses a plain-http Graph URL', () => {
    expect(graphConfig({}).customHosts).toBeUndefined();
    const c = graphConfig({ GRAPH_URL: 'https://127.0.0.1:2620/', GRAPH_LOGIN_URL: 'https://127.0.0.1:2620' });
    expect(c).toMatchObject({ graphUrl: 'https://127.0.0.1:2620', loginUrl: 'https://127.0.0.1:2620', customHosts: new Set(['127.0.0.1']) });
    expect(graphConfig({ GRAPH_URL: 'https://127.0.0.1:2620/', GRAPH_LOGIN_URL: 'https://127.0.0.1:2620' })).toBe(c);
    expect(() => graphConfig({ GRAPH_URL: 'http://127.0.0.1:2620' })).toThrow(/GRAPH_URL/);
  });
});
