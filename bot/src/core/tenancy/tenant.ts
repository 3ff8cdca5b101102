/** A tenant known to the product (Entra tenant id, display name, verified domains). */
export interface Tenant {
  id: string;
  displayName: string;
  /** Verified domains, lower-case. */
  domains: string[];
}

export interface TenantRepository {
  get(tenantId: string): Promise<Tenant | null>;
}
