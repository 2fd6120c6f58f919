// HTML pages of the SAML IdP simulator: the sign-in form, the auto-posting response form and
// plain error pages. Small, dependency-free and accessible (labelled inputs, lang, role="alert").

/** Request context carried through the sign-in form as hidden fields, in this order. */
export const CONTEXT_FIELDS = ['sp', 'acs', 'inResponseTo', 'relayState'];

export function escapeHtml(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px #0003}
h1{font-size:1.5rem;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:.25rem}
.sp{color:#4a5361;overflow-wrap:anywhere}[role=alert]{color:#a4000f;background:#fde8ea;padding:.5rem;border-radius:.25rem}`;

function layout(title, body, script = '') {
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
${body}
</main>${script}
</body>
</html>
`;
}

const hidden = (name, value) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/**
 * The sign-in form. Any e-mail address signs in; there is no password.
 * @param {{ sp: string, acs: string, inResponseTo?: string, relayState?: string }} context
 * @param {{ email?: string, error?: string }} [options]
 */
export function signInPage(context, { email = '', error } = {}) {
  const fields = CONTEXT_FIELDS.filter((name) => context[name] !== undefined && context[name] !== null)
    .map((name) => hidden(name, context[name]))
    .join('\n');
  const alert = error ? `<p id="signin-error" role="alert">${escapeHtml(error)}</p>\n` : '';
  const describedBy = error ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  return layout(
    'Test IdP sign-in',
    `<h1>Test IdP sign-in</h1>
<p class="sp">Signing in to ${escapeHtml(context.sp)}</p>
${alert}<form method="post" action="/sso/sign-in">
${fields}
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(email)}"${describedBy}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/**
 * HTTP-POST binding: a form to the ACS that submits itself (with a button for when scripts are off).
 * @param {{ acs: string, samlResponse: string, relayState?: string }} post
 */
export function autoPostPage({ acs, samlResponse, relayState }) {
  const relay = relayState !== undefined && relayState !== null ? `\n${hidden('RelayState', relayState)}` : '';
  return layout(
    'Test IdP sign-in',
    `<h1>Signed in</h1>
<p>Returning to the service provider…</p>
<form method="post" action="${escapeHtml(acs)}">
${hidden('SAMLResponse', samlResponse)}${relay}
<button type="submit">Continue</button>
</form>`,
    '\n<script>document.forms[0].submit()</script>',
  );
}

export function errorPage(title, message) {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}
