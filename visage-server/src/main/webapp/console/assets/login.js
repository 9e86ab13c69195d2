// Explains why the login page is shown (the server redirects here with a reason).
(function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const messages = {
    'denied': 'That key was not accepted (unknown or revoked).',
    'not-admin': 'That is a tenant key; the console needs an admin key.'
  };
  let text = null;
  let kind = 'error';
  if (params.has('error')) {
    text = messages[params.get('error')] || 'Sign-in failed.';
  } else if (params.has('expired')) {
    text = 'Your session ended; please sign in again.';
    kind = 'info';
  } else if (params.has('signed-out')) {
    text = 'Signed out.';
    kind = 'info';
  }
  if (text) {
    const el = document.getElementById('login-message');
    el.textContent = text;
    el.classList.add(kind);
    el.hidden = false;
  }
})();
