import { handleGatewayRequest } from '@/lib/gateway/protocol/router';

// The CloudLink gateway protocol (docs/gateway-protocol.md). Authenticated per gateway, not by
// session: proxy.ts does not run for /api/gateway/ (next.config.mjs sets its headers).
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ version: string; path: string[] }> };

export async function GET(request: Request, { params }: Params) {
  const { version, path } = await params;
  return handleGatewayRequest('GET', request, version, path);
}

export async function POST(request: Request, { params }: Params) {
  const { version, path } = await params;
  return handleGatewayRequest('POST', request, version, path);
}
