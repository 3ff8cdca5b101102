/** English messages: the invitation inbox. */

export const invitations = {
  invitations: {
    title: 'Invitations',
    intro:
      'Customers invite your organisation to manage their rooms. You see what they offer, never ' +
      'their data, until you accept and name Primary admins.',
    loading: 'Loading invitations…',
    loadFailed: 'Could not load the invitations',
    empty: 'No pending invitations.',
    tableLabel: 'Invitations',
    customer: 'Customer',
    domain: 'Domain',
    scope: 'Scope',
    status: 'Status',
    expires: 'Expires',
    invitedBy: 'Invited by',
    pending: 'Pending',
    expired: 'Expired',
    expiresOn: (date: string) => `Expires ${date}`,
    expiredOn: (date: string) => `Expired ${date}`,
    changeControl: (mode: string) => `Change control: ${mode}`,
    auto: 'automatic approval',
    manual: 'manual approval',
    accept: 'Accept',
    decline: 'Decline',
    acceptLabel: (c: string) => `Accept the invitation from ${c}`,
    declineLabel: (c: string) => `Decline the invitation from ${c}`,
    acceptTitle: (c: string) => `Accept the invitation from ${c}`,
    acceptIntro:
      'Choose at least one Primary admin: these users or groups of your organisation get nearly ' +
      'full rights on the rooms in scope, and manage the roles of this customer.',
    primaryAdmins: 'Primary admins',
    chosenPrimaryAdmins: 'Chosen Primary admins',
    choosePrimaryAdmin: 'Choose at least one Primary admin.',
    acceptFailed: 'Could not accept the invitation',
    accepted: (c: string) => `Invitation from ${c} accepted. ${c} is now in your Tenants list.`,
    declineTitle: (c: string) => `Decline the invitation from ${c}?`,
    declineBody: (c: string) =>
      `The invitation is deleted. ${c} must send a new one if you change your mind.`,
    declineFailed: 'Could not decline the invitation',
    declined: (c: string) => `Invitation from ${c} declined.`,
  },
};
