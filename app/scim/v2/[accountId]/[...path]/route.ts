import { handleScimRequest } from '@/lib/provisioning/scim-router';

type Params = { params: Promise<{ accountId: string; path: string[] }> };

// SCIM-2: the account's SCIM 2.0 service provider (lib/provisioning/scim-router.ts).
async function handle(request: Request, { params }: Params): Promise<Response> {
  const { accountId, path } = await params;
  return handleScimRequest(request, accountId, path);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
