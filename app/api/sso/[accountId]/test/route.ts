import { getAccountInScope } from '@/lib/accounts/scope';
import { currentUser } from '@/lib/auth/session';
import { canConfigureIntegrations } from '@/lib/authz';
import { db } from '@/db/client';
import { errorResponse } from '@/lib/http/route-response';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { redirectToIdp } from '@/lib/sso/http';

/**
 * Beyond SSO-3, "Test connection": an admin who may configure the account's integrations starts a
 * round trip to the IdP in a pop-up; the ACS stores its outcome instead of signing anyone in.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  try {
    const { accountId } = await params;
    const user = await currentUser();
    if (!user) throw new UnauthenticatedError();
    if (!canConfigureIntegrations(user.actor)) throw new ForbiddenError();
    await getAccountInScope(db(), user.actor, accountId);
    return await redirectToIdp(accountId, { purpose: 'test' });
  } catch (e) {
    return errorResponse(e);
  }
}
