// HTML pages of the OIDC simulator (AUTH-1): the sign-in form and plain error/info pages.
// Small, dependency-free and accessible (labelled inputs, lang, role="alert" on errors).

/** Authorization request parameters carried through the sign-in form as hidden fields. */
export const AUTHORIZE_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
  'prompt',
  'login_hint',
];

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
[role=alert]{color:#a4000f;background:#fde8ea;padding:.5rem;border-radius:.25rem}`;

function layout(title, body) {
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
</main>
</body>
</html>
`;
}

/**
 * The partner sign-in form.
 * @param {URLSearchParams} params original authorization request parameters
 * @param {{ error?: string, email?: string }} [options]
 */
export function signInPage(params, { error, email = '' } = {}) {
  const hidden = AUTHORIZE_PARAMS.filter((name) => params.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name))}">`)
    .join('\n');
  const alert = error ? `<p id="signin-error" role="alert">${escapeHtml(error)}</p>\n` : '';
  const describedBy = error ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  return layout(
    'Partner sign-in',
    `<h1>Partner sign-in</h1>
${alert}<form method="post" action="/authorize">
${hidden}
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** A page for errors that must not be redirected to the client (unknown client, bad redirect_uri). */
export function errorPage(title, message) {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}

export function signedOutPage() {
  return layout('Signed out', '<h1>Signed out</h1>\n<p>You have been signed out of the partner identity provider.</p>');
}
