import type zhAuth2 from './auth2.zh-CN.ts';

/** Strings of forgotten password, CAPTCHA and single sign-on (English). */
const auth2: typeof zhAuth2 = {
  auth2: {
    forgotLink: 'Forgot password?',
    backToLogin: 'Back to sign-in',
    captcha: {
      label: 'Check question: ',
      hint: 'Answer the question above with a number',
      required: 'Answer the check question',
    },
    forgot: {
      title: 'Forgotten password',
      intro:
        'Enter your student or staff number, username or email address; we will send a link to reset the password to the email address of the account.',
      login: 'Student/staff number, username or email',
      loginRequired: 'Enter your student or staff number, username or email',
      submit: 'Send reset link',
      sent: 'If the account exists and has an email address, a reset link is on its way; check your mailbox. The link works once and expires after a while.',
      noEmail:
        'Accounts without an email address cannot be reset here: ask the academic affairs office (or your college office), with your ID, to reset the password.',
      noMail:
        'Password reset by email is not enabled here: ask the academic affairs office (or your college office) to reset the password.',
    },
    reset: {
      title: 'Set a new password',
      missingToken: 'The link is incomplete: open the whole link from the email again, or request a new one.',
      requestAgain: 'Request a new reset link',
      done: 'Your password has been reset and you have been signed out everywhere. Sign in with the new password.',
      goLogin: 'Sign in',
    },
    sso: {
      button: 'Sign in with campus account',
      or: 'or',
      errors: {
        sso_unknown_user: 'Your campus account has no matching account here; please contact the academic affairs office.',
        account_disabled: 'This account is disabled; contact an administrator.',
        sso_not_configured: 'Single sign-on is not enabled here.',
        sso_failed: 'Single sign-on failed; please try again.',
      },
    },
  },
};
export default auth2;
