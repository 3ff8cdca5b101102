/** English messages: the app frame: sign-in, Teams, the landing page, roles. */
import type { Locale } from '../locale.ts';
import { plural } from '../plural.ts';

export const app = {
  /** The BCP 47 tag used to format dates and numbers. */
  locale: 'en-US' as Locale,
  appName: 'Rooms Partner Hub',
  skipToMain: 'Skip to main content',
  starting: 'Starting Rooms Partner Hub…',
  retry: 'Try again',
  errors: {
    network: 'The service could not be reached. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
  },
  header: {
    switchUser: 'Switch user',
    signedInAs: (name: string) => `Signed in as ${name}`,
  },
  picker: {
    title: 'Choose a test account',
    intro:
      'Local development sign-in. Pick a user of a demo tenant to get a development token. ' +
      'In production, people sign in through Microsoft Teams.',
    loading: 'Loading test accounts…',
    empty: 'No test accounts are available. Seed the demo data, then reload this page.',
    loadFailed: 'Could not load the test accounts',
    signIn: 'Sign in',
    signInAs: (name: string, tenantName: string) => `Sign in as ${name}, ${tenantName}`,
    signingIn: 'Signing in…',
    signInFailed: 'Could not sign in',
    tenantId: (tenantId: string) => `Tenant ID ${tenantId}`,
    userCount: (count: number) => plural(count, 'user', 'users'),
    sessionEnded: 'Your session has ended. Choose an account to sign in again.',
  },
  teamsOnly: {
    title: 'Open Rooms Partner Hub in Microsoft Teams',
    body:
      'This site has no local sign-in. Open the Partner Hub tab of the Rooms Partner Hub app ' +
      'in Microsoft Teams.',
  },
  teams: {
    ssoFailed: 'Single sign-on with Microsoft Teams failed',
    slow: 'Connecting to Microsoft Teams… This is taking longer than usual.',
    noAnswer: 'Microsoft Teams did not answer',
    noAnswerBody: 'Teams may still be starting. Try again in a moment.',
    consentTitle: 'Rooms Partner Hub needs your consent',
    consentBody: 'Allow Rooms Partner Hub to sign you in with your Microsoft 365 account.',
    giveConsent: 'Give consent',
  },
  landing: {
    loading: 'Loading your profile…',
    loadFailed: 'Could not load your profile',
    welcome: (name: string) => `Welcome, ${name}`,
    intro: "Manage your customers' Teams Rooms from one place, with your own credentials.",
    accountTitle: 'Your account',
    signInName: 'Sign-in name',
    tenant: 'Tenant',
    tenantId: 'Tenant ID',
    userId: 'User ID',
    rolesTitle: 'Your roles',
    rolesAdminHint:
      'As an administrator you hold every right on your own rooms, invite partners and decide what they may do; in a partner organisation you also choose its Tenant managers.',
    noRoles:
      'You have no administrator role in this tenant. Customers give you access to their rooms ' +
      'through roles and assignments.',
    nextTitle: 'Where to start',
    nextIntro: 'The parts of the hub you can use with your roles.',
    nothingToManage:
      'Nothing to manage here yet: a Global admin, or a customer through a role, gives you access.',
    open: (page: string) => `Open ${page}`,
  },
  roles: {
    globalAdmin: 'Global admin',
    roomsProManager: 'Teams Rooms Pro Manager',
    primaryAdmin: 'Primary admin',
    primaryAdmins: 'Primary admins',
    tenantManager: 'Tenant manager',
  },
};
