/** A tenant known to the product (Entra tenant id, display name, verified domains). */
export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  /** Verified domains, lower-case. */
  readonly domains: readonly string[];
}

export interface TenantRepository {
  get(tenantId: string): Promise<Tenant | null>;
}
