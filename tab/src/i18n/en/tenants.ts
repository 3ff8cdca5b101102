/** English messages: Tenants and Tenant managers. */

export const tenants = {
  tenants: {
    title: 'Tenants',
    intro: 'The customers your organisation manages. Choose one to see its details.',
    empty: 'No customers yet. Accept an invitation to add one.',
    tableLabel: 'Tenants',
    customer: 'Customer',
    domain: 'Domain',
    scope: 'Scope',
    accepted: 'Accepted',
    yourRole: 'Your role',
    status: 'Status',
    active: 'Active',
    pending: 'Pending',
    expired: 'Expired',
    openInvitation: (c: string) => `Open the invitation from ${c}`,
    chooseHint: 'Choose a customer, here or in the Customer list, to see its details.',
    loadingDetail: 'Loading the customer…',
    detailFailed: 'Could not load the customer',
    roleDeleted: 'The customer deleted the Primary admins role.',
    lastAdmin: 'The last Primary admin cannot be removed.',
    chosen: (name: string) => `Chosen: ${name}`,
    removeFailed: 'Could not remove',
    removeCustomer: 'Remove customer',
    removeCustomerTitle: (c: string) => `Remove ${c}?`,
    removeCustomerBody: (c: string) =>
      `Your organisation stops managing ${c}: every role and assignment for it is deleted. ` +
      `${c} must invite you again to undo this.`,
    customerRemoved: (c: string) => `${c} removed from your Tenants.`,
  },
  tenantManagers: {
    title: 'Tenant managers',
    intro:
      'Tenant managers receive customer invitations and accept or decline them. They see no ' +
      'customer data unless also given a role for that customer.',
    tableLabel: 'Tenant managers',
    loading: 'Loading tenant managers…',
    loadFailed: 'Could not load the tenant managers',
    empty:
      'No tenant managers yet. Global admins and Teams Rooms Pro Managers can still decide invitations.',
    addLabel: 'Add a tenant manager',
    addFailed: 'Could not add the tenant manager',
    removeFailed: 'Could not remove the tenant manager',
    added: (name: string) => `${name} is now a tenant manager.`,
    removed: (name: string) => `${name} is no longer a tenant manager.`,
    removeTitle: (name: string) => `Remove ${name} from the tenant managers?`,
    removeBody: (name: string) => `${name} will no longer receive or decide customer invitations.`,
  },
};
