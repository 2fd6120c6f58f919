// HTML pages of the emulated Microsoft sign-in (authorize, admin consent): small, self-contained
// (no external assets or scripts), accessible (lang, landmarks, labelled inputs, named buttons, alerts).
import { escapeHtml } from './util.mjs';

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;background:#f2f2f2;color:#1b1b1b}
main{max-width:27rem;margin:4rem auto;background:#fff;padding:2.5rem;box-shadow:0 2px 6px #0003}
.brand{font-weight:600;color:#5e5e5e;margin:0 0 1rem}h1{font-size:1.5rem;margin:0 0 1rem}
label{display:block;margin-top:1rem;font-weight:600}
input:not([type=hidden]){display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem;border:1px solid #666}
button{margin-top:1.5rem;margin-right:.5rem;padding:.55rem 1.6rem;font-size:1rem;border:1px solid #0067b8;border-radius:0}
.primary{background:#0067b8;color:#fff}.secondary{background:#fff;color:#0067b8}
[role=alert]{color:#a4000f;background:#fde8ea;padding:.5rem}a{color:#0067b8}ul{padding-left:1.25rem}
code{font-size:.85rem}`;

export function layout(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Microsoft (emulated)</p>
${body}
</main>
</body>
</html>
`;
}

const hiddenFields = (fields) =>
  fields
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');

/**
 * The sign-in form ("Email or username", "Password", "Sign in").
 * @param {{ action: string, hidden: [string, string|null][], username?: string, error?: string, subtitle?: string }} o
 */
export function signInPage({ action, hidden, username = '', error, subtitle }) {
  const alert = error ? `<p id="signin-error" role="alert">${escapeHtml(error)}</p>\n` : '';
  const describedBy = error ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  return layout(
    'Sign in to your account',
    `<h1>Sign in</h1>
${subtitle ? `<p>${escapeHtml(subtitle)}</p>\n` : ''}${alert}<form method="post" action="${escapeHtml(action)}">
${hiddenFields(hidden)}
<label for="username">Email or username</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(username)}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit" class="primary">Sign in</button>
</form>`,
  );
}

/** The admin consent prompt: the permissions, "Accept" and "Cancel". */
export function consentPage({ action, flow, app, user, tenant }) {
  const item = (p, kind) => `<li><code>${escapeHtml(p)}</code> (${kind})</li>`;
  const perms = [...app.permissions.application.map((p) => item(p, 'application')), ...app.permissions.delegated.map((p) => item(p, 'delegated'))];
  return layout(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p><strong>${escapeHtml(app.displayName)}</strong> (${escapeHtml(app.appId)})</p>
<p>Signed in as ${escapeHtml(user.userPrincipalName)}. Accepting grants these permissions for all users of ${escapeHtml(tenant.displayName)}:</p>
<ul aria-label="Requested permissions">
${perms.join('\n') || '<li>No permissions</li>'}
</ul>
<form method="post" action="${escapeHtml(action)}">
${hiddenFields([['flow', flow]])}
<button type="submit" name="action" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="action" value="accept" class="primary">Accept</button>
</form>`,
  );
}

/** What a non-admin sees instead of the consent prompt. */
export function needAdminPage({ app, returnUrl }) {
  return layout(
    'Need admin approval',
    `<h1>Need admin approval</h1>
<p><strong>${escapeHtml(app.displayName)}</strong> needs permission to access resources in your organization that only an admin can grant.
Please ask an admin to grant permission to this app before you can use it.</p>
<p><a href="${escapeHtml(returnUrl)}">Return to the application without consenting</a></p>`,
  );
}

/** An error the sign-in service shows itself (never redirected to the client). */
export function errorPage(code, message) {
  return layout(
    'Sign in error',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p role="alert">AADSTS${escapeHtml(code)}: ${escapeHtml(message)}</p>`,
  );
}
