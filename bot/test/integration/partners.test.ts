/**
 * Partner side through HTTP with real dev-issuer tokens: eligible partners, tenant managers, the
 * invitation inbox, accept/decline (incl. the race and expiry), the Tenants list and detail,
 * Primary admins and off-boarding.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids, seedDemoData } from '../../src/seed/demo-data.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const WOODGROVE = ids.tenant('woodgrove');
const DAY = 86_400_000;
const fabUser = (u: string) => ({ type: 'user' as const, id: ids.user('fabrikam', u) });
const fabGroup = (g: string) => ({ type: 'group' as const, id: ids.group('fabrikam', g) });

describe('Partner side', function () {
  let app: TestApp;
  /** Tokens by "tenant/user"; every demo persona used below. */
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    const people = [
      'fabrikam/megan', // partner Global admin
      'fabrikam/adele', // partner TRPM
      'fabrikam/lee', // tenant manager (direct)
      'fabrikam/lynne', // tenant manager (via the tenant-managers group)
      'fabrikam/diego', // technician (help-desk group), no partner role
      'fabrikam/grady', // technician (help-desk group)
      'fabrikam/pradeep', // Primary admin of Contoso
      'fabrikam/nestor', // employee without roles
      'contoso/alex', // customer Global admin
      'northwind/nora', // customer Global admin
      'woodgrove/wanda', // customer GA; onboarded as a second partner below
    ];
    await Promise.all(
      people.map(async (p) => {
        const [tenant, user] = p.split('/') as [string, string];
        t[p] = await app.tokenFor(tenant, user);
      })
    );
  });
  after(() => app.close());

  const relationships = () =>
    app.store.collection<RelationshipDoc>(PartnerCollections.relationships);
  const pairDocs = (customer: string) =>
    relationships().countDocuments({ tenantId: customer, partnerTenantId: FAB });
  const northwindInvitationId = async () =>
    String((await relationships().findOne({ tenantId: NORTHWIND, partnerTenantId: FAB }))?._id);

  /** A fresh pending invitation from Woodgrove to Fabrikam (any earlier document of the pair is dropped). */
  async function woodgroveInvites(body: Record<string, unknown> = {}): Promise<string> {
    await relationships().deleteMany({ tenantId: WOODGROVE, partnerTenantId: FAB });
    const r = await app.call('POST', '/api/customer/invitations', {
      token: t['woodgrove/wanda'],
      body: {
        partnerDomain: 'fabrikam.example',
        expiresInDays: 7,
        scope: { allRooms: true },
        agreeToTerms: true,
        ...body,
      },
    });
    assert.equal(r.status, 201, r.text);
    return String(r.body.id);
  }

  const accept = (token: string, id: string, primaryAdmins: unknown[] = [fabUser('pradeep')]) =>
    app.call('POST', `/api/partner/invitations/${id}/accept`, { token, body: { primaryAdmins } });
  const decline = (token: string, id: string) =>
    app.call('POST', `/api/partner/invitations/${id}/decline`, { token, body: { confirm: true } });
  const expectError = (r: CallResult, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, code, r.text);
  };

  describe('Eligible partners (registry)', () => {
    it('When a partner is onboarded, then its domains resolve to it case-insensitively and it is listed', async () => {
      const { registry } = app.services.partners;
      const p = await registry.onboard({
        tenantId: WOODGROVE,
        displayName: 'Woodgrove Bank',
        domains: ['WoodgroveBank.example', 'woodgrovebank.example'],
        onboardedBy: 'test',
      });
      assert.deepEqual(p.domains, ['woodgrovebank.example']);
      assert.equal((await registry.getByDomain(' WOODGROVEBANK.example'))?.tenantId, WOODGROVE);
      assert.deepEqual(
        (await registry.list()).map((x) => x.tenantId).sort(),
        [FAB, WOODGROVE].sort()
      );
    });

    it('When a domain of another partner is claimed, then PARTNER.DOMAIN_TAKEN and nothing is claimed', async () => {
      const { registry } = app.services.partners;
      await assert.rejects(
        registry.onboard({
          tenantId: NORTHWIND,
          displayName: 'Northwind',
          domains: ['northwind-msp.example', 'fabrikam.example'],
          onboardedBy: 'test',
        }),
        (e: { code?: string }) => e.code === 'PARTNER.DOMAIN_TAKEN'
      );
      assert.equal(await registry.getByDomain('northwind-msp.example'), null);
      assert.equal(await registry.get(NORTHWIND), null);
      const claimed = await app.store
        .collection(PartnerCollections.partnerDomains)
        .countDocuments({ tenantId: NORTHWIND });
      assert.equal(claimed, 0, 'the domain claimed before the conflict was released');
      await assert.rejects(
        registry.onboard({
          tenantId: NORTHWIND,
          displayName: 'N',
          domains: ['not a domain'],
          onboardedBy: 'test',
        }),
        (e: { code?: string }) => e.code === 'PARTNER.DOMAIN_INVALID'
      );
    });

    it('When a partner is re-onboarded with other domains or removed, then the domains follow', async () => {
      const { registry } = app.services.partners;
      await registry.onboard({
        tenantId: NORTHWIND,
        displayName: 'NW',
        domains: ['a.nw.example', 'b.nw.example'],
        onboardedBy: 't',
      });
      await registry.onboard({
        tenantId: NORTHWIND,
        displayName: 'NW',
        domains: ['b.nw.example'],
        onboardedBy: 't',
      });
      assert.equal(await registry.getByDomain('a.nw.example'), null, 'dropped domain released');
      assert.equal((await registry.getByDomain('b.nw.example'))?.displayName, 'NW');
      assert.equal(await registry.remove(NORTHWIND), true);
      assert.equal(await registry.getByDomain('b.nw.example'), null);
      assert.equal(await registry.remove(NORTHWIND), false);
    });
  });

  describe('Tenant managers', () => {
    it('When the partner GA lists tenant managers, then the seeded user and group come back by name', async () => {
      const r = await app.call('GET', '/api/partner/tenant-managers', {
        token: t['fabrikam/megan'],
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((i) => i.displayName),
        ['Lee Gu', 'MSP Tenant Managers']
      );
    });

    it('When the TRPM adds and removes a tenant manager, then the member gains and loses the inbox on the next request', async () => {
      const nestor = t['fabrikam/nestor']!;
      expectError(
        await app.call('GET', '/api/partner/invitations', { token: nestor }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      const add = await app.call('POST', '/api/partner/tenant-managers', {
        token: t['fabrikam/adele'],
        body: { member: fabUser('nestor') },
      });
      assert.equal(add.status, 201, add.text);
      assert.equal(add.body.displayName, 'Nestor Wilke');
      assert.equal(
        (await app.call('GET', '/api/partner/invitations', { token: nestor })).status,
        200
      );
      const again = await app.call('POST', '/api/partner/tenant-managers', {
        token: t['fabrikam/adele'],
        body: { member: fabUser('nestor') },
      });
      expectError(again, 409, 'TENANT_MANAGER.ALREADY_ASSIGNED');
      const del = await app.call(
        'DELETE',
        `/api/partner/tenant-managers/${ids.user('fabrikam', 'nestor')}`,
        { token: t['fabrikam/megan'] }
      );
      assert.equal(del.status, 204);
      expectError(
        await app.call('GET', '/api/partner/invitations', { token: nestor }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      const gone = await app.call(
        'DELETE',
        `/api/partner/tenant-managers/${ids.user('fabrikam', 'nestor')}`,
        { token: t['fabrikam/megan'] }
      );
      expectError(gone, 404, 'TENANT_MANAGER.NOT_FOUND');
    });

    it('When a tenant manager, a technician or a customer admin manages tenant managers, then 403', async () => {
      const body = { member: fabUser('nestor') };
      for (const who of ['fabrikam/lee', 'fabrikam/diego']) {
        expectError(
          await app.call('POST', '/api/partner/tenant-managers', { token: t[who], body }),
          403,
          'AUTHZ.FORBIDDEN'
        );
        expectError(
          await app.call('GET', '/api/partner/tenant-managers', { token: t[who] }),
          403,
          'AUTHZ.FORBIDDEN'
        );
      }
      // Contoso's Global admin is an admin, but of an organisation that is not a partner.
      expectError(
        await app.call('GET', '/api/partner/tenant-managers', { token: t['contoso/alex'] }),
        403,
        'PARTNER.NOT_ELIGIBLE'
      );
    });

    it('When the member is not in the partner directory, then 400 DIRECTORY.MEMBER_NOT_FOUND', async () => {
      const r = await app.call('POST', '/api/partner/tenant-managers', {
        token: t['fabrikam/megan'],
        body: { member: { type: 'user', id: ids.user('contoso', 'miriam') } },
      });
      expectError(r, 400, 'DIRECTORY.MEMBER_NOT_FOUND');
    });

    it('When a tenant manager searches the partner directory (to choose Primary admins), then it is allowed', async () => {
      const r = await app.call('GET', '/api/directory/search?q=gupta', {
        token: t['fabrikam/lynne'],
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((i) => i.displayName),
        ['Pradeep Gupta']
      );
      expectError(
        await app.call('GET', '/api/directory/search?q=a', { token: t['fabrikam/nestor'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
    });
  });

  describe('Invitation inbox', () => {
    it('When GA, TRPM and tenant managers open the inbox, then they see metadata only', async () => {
      for (const who of ['fabrikam/megan', 'fabrikam/adele', 'fabrikam/lee', 'fabrikam/lynne']) {
        const r = await app.call('GET', '/api/partner/invitations', { token: t[who] });
        assert.equal(r.status, 200, `${who}: ${r.text}`);
        const nw = r.body.items!.find((i) => i.customerTenantId === NORTHWIND);
        assert.ok(nw, `${who} sees Northwind's invitation`);
        assert.deepEqual(Object.keys(nw).sort(), [
          'changeControl',
          'createdAt',
          'createdByName',
          'customerDomain',
          'customerName',
          'customerTenantId',
          'expired',
          'expiresAt',
          'id',
          'scope',
        ]);
        assert.equal(nw.customerName, 'Northwind Traders');
        assert.equal(nw.customerDomain, 'northwindtraders.example');
        assert.equal(nw.createdByName, 'Nora Castillo');
        assert.equal(nw.expired, false);
        assert.deepEqual(nw.scope, { allRooms: true, roomCount: 0, roomGroupCount: 0 });
      }
    });

    it('When a technician, a Primary admin or a customer user opens the partner inbox, then 403', async () => {
      expectError(
        await app.call('GET', '/api/partner/invitations', { token: t['fabrikam/diego'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', '/api/partner/invitations', { token: t['fabrikam/pradeep'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', '/api/partner/invitations', { token: t['contoso/alex'] }),
        403,
        'PARTNER.NOT_ELIGIBLE'
      );
    });

    it('When a scope names rooms, then the inbox shows counts, never room ids', async () => {
      const id = await woodgroveInvites({
        scope: {
          roomIds: [ids.room('woodgrove', 0), ids.room('woodgrove', 1)],
          roomGroupIds: [ids.roomGroup('woodgrove', 'Board rooms')],
        },
      });
      const r = await app.call('GET', '/api/partner/invitations', { token: t['fabrikam/lee'] });
      const item = r.body.items!.find((i) => i.id === id)!;
      assert.deepEqual(item.scope, { allRooms: false, roomCount: 2, roomGroupCount: 1 });
      assert.ok(!r.text.includes(ids.room('woodgrove', 0)));
    });

    it('When the inbox is paged, then every invitation comes once', async () => {
      const first = await app.call('GET', '/api/partner/invitations?limit=1', {
        token: t['fabrikam/megan'],
      });
      assert.equal(first.body.items!.length, 1);
      assert.ok(first.body.nextCursor);
      const second = await app.call(
        'GET',
        `/api/partner/invitations?limit=1&cursor=${first.body.nextCursor}`,
        { token: t['fabrikam/megan'] }
      );
      assert.equal(second.body.items!.length, 1);
      assert.notEqual(second.body.items![0]!.id, first.body.items![0]!.id);
      expectError(
        await app.call('GET', '/api/partner/invitations?cursor=nonsense', {
          token: t['fabrikam/megan'],
        }),
        400,
        'REQUEST.BAD_CURSOR'
      );
    });
  });

  describe('Accept and decline', () => {
    it('When a tenant manager (via group) accepts with Primary admins, then the relationship is active and tied to no user', async () => {
      const id = await northwindInvitationId();
      const r = await accept(t['fabrikam/lynne']!, id, [fabUser('grady'), fabGroup('help-desk')]);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.customerTenantId, NORTHWIND);
      assert.equal(r.body.isPrimaryAdmin, false);
      const doc = (await relationships().findOne({ _id: id }))!;
      assert.equal(doc.state, 'active');
      assert.ok(doc.acceptedAt instanceof Date);
      assert.deepEqual(doc.primaryAdmins, [
        { type: 'user', id: ids.user('fabrikam', 'grady') },
        { type: 'group', id: ids.group('fabrikam', 'help-desk') },
      ]);
      assert.ok(
        !JSON.stringify(doc).includes(ids.user('fabrikam', 'lynne')),
        'no tie to the accepting user'
      );
      // The relationship survives the accepting user losing their role.
      await app.call(
        'DELETE',
        `/api/partner/tenant-managers/${ids.group('fabrikam', 'tenant-managers')}`,
        { token: t['fabrikam/megan'] }
      );
      const grady = await app.call('GET', `/api/partner/customers/${NORTHWIND}`, {
        token: t['fabrikam/grady'],
      });
      assert.equal(grady.status, 200, grady.text);
      await app.call('POST', '/api/partner/tenant-managers', {
        token: t['fabrikam/megan'],
        body: { member: fabGroup('tenant-managers') },
      });
    });

    it('When the invitation is already decided, then accept and decline get 409 INVITATION.ALREADY_DECIDED', async () => {
      const id = await northwindInvitationId();
      expectError(await accept(t['fabrikam/megan']!, id), 409, 'INVITATION.ALREADY_DECIDED');
      expectError(await decline(t['fabrikam/adele']!, id), 409, 'INVITATION.ALREADY_DECIDED');
    });

    it('When the Primary admins are missing or not in the partner directory, then 400 and nothing changes', async () => {
      const id = await woodgroveInvites();
      expectError(await accept(t['fabrikam/megan']!, id, []), 400, 'REQUEST.INVALID');
      expectError(
        await accept(t['fabrikam/megan']!, id, [
          { type: 'user', id: ids.user('woodgrove', 'tomas') },
        ]),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND'
      );
      expectError(
        await accept(t['fabrikam/megan']!, id, [
          { type: 'group', id: ids.user('fabrikam', 'pradeep') },
        ]),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND'
      );
      assert.equal((await relationships().findOne({ _id: id }))?.state, 'pending');
    });

    it('When someone without a partner role, or a customer, decides an invitation, then 403 and nothing changes', async () => {
      const id = await woodgroveInvites();
      for (const who of ['fabrikam/diego', 'fabrikam/pradeep', 'fabrikam/nestor']) {
        expectError(await accept(t[who]!, id), 403, 'AUTHZ.FORBIDDEN');
        expectError(await decline(t[who]!, id), 403, 'AUTHZ.FORBIDDEN');
      }
      expectError(await accept(t['northwind/nora']!, id), 403, 'PARTNER.NOT_ELIGIBLE');
      assert.equal((await relationships().findOne({ _id: id }))?.state, 'pending');
    });

    it("When another partner accepts or declines Fabrikam's invitation, then 404 as if it did not exist", async () => {
      const id = await woodgroveInvites();
      // Woodgrove was onboarded as a partner above; Wanda is its Global admin.
      const wanda = t['woodgrove/wanda']!;
      const nf = await accept(wanda, id, [{ type: 'user', id: ids.user('woodgrove', 'tomas') }]);
      expectError(nf, 404, 'INVITATION.NOT_FOUND');
      expectError(await decline(wanda, id), 404, 'INVITATION.NOT_FOUND');
      const inbox = await app.call('GET', '/api/partner/invitations', { token: wanda });
      assert.equal(inbox.status, 200);
      assert.ok(!inbox.body.items!.some((i) => i.id === id));
      assert.equal((await relationships().findOne({ _id: id }))?.state, 'pending');
    });

    it('When an unknown invitation is accepted, then 404 INVITATION.NOT_FOUND', async () => {
      expectError(
        await accept(t['fabrikam/megan']!, '00000000-0000-4000-8000-000000000000'),
        404,
        'INVITATION.NOT_FOUND'
      );
    });

    it('When a tenant manager declines, then the invitation is deleted and a later accept learns it was decided', async () => {
      const id = await woodgroveInvites();
      const r = await decline(t['fabrikam/lee']!, id);
      assert.equal(r.status, 204, r.text);
      assert.equal(await pairDocs(WOODGROVE), 0);
      expectError(await accept(t['fabrikam/megan']!, id), 409, 'INVITATION.ALREADY_DECIDED');
      expectError(await decline(t['fabrikam/megan']!, id), 409, 'INVITATION.ALREADY_DECIDED');
      const withdrawn = await app.call('GET', '/api/customer/invitations', {
        token: t['woodgrove/wanda'],
      });
      assert.ok(!withdrawn.body.items!.some((i) => i.id === id), 'the customer must invite again');
    });

    it('When decline is not confirmed, then 400 and the invitation stays', async () => {
      const id = await woodgroveInvites();
      const r = await app.call('POST', `/api/partner/invitations/${id}/decline`, {
        token: t['fabrikam/lee'],
        body: { confirm: false },
      });
      expectError(r, 400, 'REQUEST.INVALID');
      assert.equal(await pairDocs(WOODGROVE), 1);
    });

    for (let round = 1; round <= 3; round++) {
      it(`When 50 accepts and declines race on one invitation (round ${round}), then exactly one succeeds`, async () => {
        const id = await woodgroveInvites();
        const deciders = ['fabrikam/megan', 'fabrikam/adele', 'fabrikam/lee', 'fabrikam/lynne'];
        const calls = Array.from({ length: 50 }, (_, i) => {
          const token = t[deciders[i % deciders.length]!]!;
          return i % 2 === 0 ? accept(token, id) : decline(token, id);
        });
        const results = await Promise.all(calls);
        const ok = results.filter((r) => r.status < 300);
        assert.equal(ok.length, 1, `statuses: ${results.map((r) => r.status).join(',')}`);
        for (const r of results.filter((x) => x.status >= 300))
          expectError(r, 409, 'INVITATION.ALREADY_DECIDED');
        const accepted = ok[0]!.status === 200;
        assert.equal(await pairDocs(WOODGROVE), accepted ? 1 : 0);
        if (accepted) assert.equal((await relationships().findOne({ _id: id }))?.state, 'active');
      });
    }

    it('When 50 accepts race, then exactly one relationship with the winner’s Primary admins', async () => {
      const id = await woodgroveInvites();
      const admins = ['pradeep', 'grady', 'diego', 'nestor'];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          accept(t['fabrikam/megan']!, id, [fabUser(admins[i % admins.length]!)])
        )
      );
      const ok = results.filter((r) => r.status === 200);
      assert.equal(ok.length, 1);
      assert.equal(results.filter((r) => r.status === 409).length, 49);
      assert.equal(await pairDocs(WOODGROVE), 1);
      assert.equal((await relationships().findOne({ _id: id }))!.primaryAdmins.length, 1);
    });
  });

  describe('Expiry', () => {
    let realNow: () => Date;
    beforeEach(() => {
      realNow = app.services.partners.now;
    });
    afterEach(() => {
      app.services.partners.now = realNow;
    });

    it('When the clock passes the expiry, then the inbox flags it and accept gets 410 INVITATION.EXPIRED', async () => {
      const id = await woodgroveInvites({ expiresInDays: 1 });
      app.services.partners.now = () => new Date(Date.now() + 2 * DAY);
      const inbox = await app.call('GET', '/api/partner/invitations', { token: t['fabrikam/lee'] });
      assert.equal(inbox.body.items!.find((i) => i.id === id)?.expired, true);
      expectError(await accept(t['fabrikam/lee']!, id), 410, 'INVITATION.EXPIRED');
      assert.equal((await relationships().findOne({ _id: id }))?.state, 'pending');
      const mine = await app.call('GET', '/api/customer/invitations', {
        token: t['woodgrove/wanda'],
      });
      assert.equal(mine.body.items!.find((i) => i.id === id)?.expired, true);
    });

    it('When expiresAt is already past in the store, then accept is refused even at the real time', async () => {
      const id = await woodgroveInvites();
      await relationships().updateOne(
        { _id: id },
        { $set: { expiresAt: new Date(Date.now() - 1000) } }
      );
      expectError(await accept(t['fabrikam/megan']!, id), 410, 'INVITATION.EXPIRED');
      // Declining an expired invitation only clears the inbox, so it is allowed.
      assert.equal((await decline(t['fabrikam/megan']!, id)).status, 204);
      assert.equal(await pairDocs(WOODGROVE), 0);
    });

    it('When the customer invites again after expiry, then the expired invitation is replaced', async () => {
      const old = await woodgroveInvites({ expiresInDays: 1 });
      app.services.partners.now = () => new Date(Date.now() + 2 * DAY);
      const r = await app.call('POST', '/api/customer/invitations', {
        token: t['woodgrove/wanda'],
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 3,
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(await relationships().findOne({ _id: old }), null);
      assert.equal(await pairDocs(WOODGROVE), 1);
      assert.equal((await accept(t['fabrikam/megan']!, String(r.body.id))).status, 200);
    });
  });

  describe('Tenants list and detail', () => {
    const customers = (token: string, query = '') =>
      app.call('GET', `/api/partner/customers${query}`, { token });

    before(async () => {
      // Known state: Contoso (Primary admin Pradeep) and Northwind (Grady + help-desk) are active.
      await relationships().deleteMany({ partnerTenantId: FAB, tenantId: { $ne: CONTOSO } });
      const nw = await app.call('POST', '/api/customer/invitations', {
        token: t['northwind/nora'],
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 5,
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      assert.equal(
        (
          await accept(t['fabrikam/megan']!, String(nw.body.id), [
            fabUser('grady'),
            fabGroup('help-desk'),
          ])
        ).status,
        200
      );
    });

    it('When GA, TRPM or a tenant manager lists customers, then every active customer comes back, metadata only', async () => {
      for (const who of ['fabrikam/megan', 'fabrikam/adele', 'fabrikam/lee']) {
        const r = await customers(t[who]!);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(
          r.body.items!.map((i) => i.customerName),
          ['Contoso Ltd', 'Northwind Traders']
        );
        assert.ok(r.body.items!.every((i) => i.isPrimaryAdmin === false && !('rooms' in i)));
      }
    });

    it('When a Primary admin lists customers, then only theirs come back (direct or via group)', async () => {
      const pradeep = await customers(t['fabrikam/pradeep']!);
      assert.deepEqual(
        pradeep.body.items!.map((i) => [i.customerName, i.isPrimaryAdmin]),
        [['Contoso Ltd', true]]
      );
      // Diego is a Primary admin of Northwind only through the help-desk group.
      const diego = await customers(t['fabrikam/diego']!);
      assert.deepEqual(
        diego.body.items!.map((i) => i.customerName),
        ['Northwind Traders']
      );
      const nestor = await customers(t['fabrikam/nestor']!);
      assert.equal(nestor.status, 200);
      assert.deepEqual(nestor.body.items, []);
      expectError(await customers(t['contoso/alex']!), 403, 'PARTNER.NOT_ELIGIBLE');
    });

    it('When the list is paged, then the cursor continues it', async () => {
      const first = await customers(t['fabrikam/megan']!, '?limit=1');
      assert.deepEqual(
        first.body.items!.map((i) => i.customerName),
        ['Contoso Ltd']
      );
      const second = await customers(
        t['fabrikam/megan']!,
        `?limit=1&cursor=${first.body.nextCursor}`
      );
      assert.deepEqual(
        second.body.items!.map((i) => i.customerName),
        ['Northwind Traders']
      );
      assert.equal(second.body.nextCursor, undefined);
    });

    it('When a Primary admin opens the detail, then rooms of the scope are named; others get metadata only', async () => {
      const pa = await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
        token: t['fabrikam/pradeep'],
      });
      assert.equal(pa.status, 200, pa.text);
      assert.equal(pa.body.customerName, 'Contoso Ltd');
      assert.deepEqual(pa.body.scope, { allRooms: false, roomCount: 0, roomGroupCount: 1 });
      assert.deepEqual(pa.body.primaryAdmins, [
        { type: 'user', id: ids.user('fabrikam', 'pradeep'), displayName: 'Pradeep Gupta' },
      ]);
      assert.deepEqual(pa.body.rooms, {
        allRooms: false,
        rooms: [],
        roomGroups: [{ id: ids.roomGroup('contoso', 'US rooms'), displayName: 'US rooms' }],
      });
      for (const who of ['fabrikam/lee', 'fabrikam/megan']) {
        const r = await app.call('GET', `/api/partner/customers/${CONTOSO}`, { token: t[who] });
        assert.equal(r.status, 200);
        assert.equal(r.body.rooms, undefined, `${who} sees no customer rooms`);
      }
    });

    it('When someone without a role for the customer, another partner or a customer opens the detail, then 403/404', async () => {
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, { token: t['fabrikam/nestor'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, { token: t['woodgrove/wanda'] }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
      expectError(
        await app.call('GET', `/api/partner/customers/${WOODGROVE}`, {
          token: t['fabrikam/megan'],
        }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, { token: t['contoso/alex'] }),
        403,
        'PARTNER.NOT_ELIGIBLE'
      );
    });
  });

  describe('Primary admins', () => {
    const path = `/api/partner/customers/${CONTOSO}/primary-admins`;
    const add = (who: string, member: unknown) =>
      app.call('POST', path, { token: t[who], body: { member } });
    const remove = (who: string, memberId: string) =>
      app.call('DELETE', `${path}/${memberId}`, { token: t[who] });
    const current = async () =>
      (await relationships().findOne({
        tenantId: CONTOSO,
        partnerTenantId: FAB,
      }))!.primaryAdmins.map((m) => m.id);

    it('When a Primary admin adds one, then it is listed by name; adding it again is 409', async () => {
      const r = await add('fabrikam/pradeep', fabUser('grady'));
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(
        r.body.items!.map((i) => i.displayName),
        ['Pradeep Gupta', 'Grady Archie']
      );
      expectError(
        await add('fabrikam/pradeep', fabUser('grady')),
        409,
        'PRIMARY_ADMINS.ALREADY_MEMBER'
      );
      expectError(
        await add('fabrikam/pradeep', { type: 'user', id: ids.user('contoso', 'joni') }),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND'
      );
    });

    it('When the partner GA, TRPM, a tenant manager or a technician adds or removes one, then 403 (no role in the customer)', async () => {
      for (const who of ['fabrikam/megan', 'fabrikam/adele', 'fabrikam/lee', 'fabrikam/diego']) {
        expectError(await add(who, fabUser('nestor')), 403, 'AUTHZ.FORBIDDEN');
        expectError(await remove(who, ids.user('fabrikam', 'grady')), 403, 'AUTHZ.FORBIDDEN');
      }
      assert.deepEqual(await current(), [
        ids.user('fabrikam', 'pradeep'),
        ids.user('fabrikam', 'grady'),
      ]);
    });

    it('When two Primary admins remove each other at once, then exactly one removal wins and one remains', async () => {
      assert.deepEqual(await current(), [
        ids.user('fabrikam', 'pradeep'),
        ids.user('fabrikam', 'grady'),
      ]);
      const [a, b] = await Promise.all([
        remove('fabrikam/pradeep', ids.user('fabrikam', 'grady')),
        remove('fabrikam/grady', ids.user('fabrikam', 'pradeep')),
      ]);
      const statuses = [a!.status, b!.status].sort();
      assert.ok(
        (statuses[0] === 204 && statuses[1] === 409) ||
          (statuses[0] === 204 && statuses[1] === 403),
        `statuses ${statuses.join(',')}`
      );
      assert.equal((await current()).length, 1);
    });

    it('When the last Primary admin is removed, then 409 PRIMARY_ADMINS.LAST; a non-member is 404', async () => {
      // Restore the seeded single admin.
      await relationships().updateOne(
        { tenantId: CONTOSO, partnerTenantId: FAB },
        { $set: { primaryAdmins: [fabUser('pradeep')] } }
      );
      expectError(
        await remove('fabrikam/pradeep', ids.user('fabrikam', 'pradeep')),
        409,
        'PRIMARY_ADMINS.LAST'
      );
      expectError(
        await remove('fabrikam/pradeep', ids.user('fabrikam', 'grady')),
        404,
        'PRIMARY_ADMINS.NOT_MEMBER'
      );
      assert.deepEqual(await current(), [ids.user('fabrikam', 'pradeep')]);
    });
  });

  describe('Off-boarding (partner removes the customer)', () => {
    const removeContoso = (who: string, body: unknown = { confirm: true }) =>
      app.call('POST', `/api/partner/customers/${CONTOSO}/remove`, { token: t[who], body });

    it('When anyone but a Primary admin of the customer removes it, then 403 and nothing is deleted', async () => {
      for (const who of ['fabrikam/megan', 'fabrikam/adele', 'fabrikam/lee', 'fabrikam/diego']) {
        expectError(await removeContoso(who), 403, 'AUTHZ.FORBIDDEN');
      }
      expectError(await removeContoso('fabrikam/pradeep', {}), 400, 'REQUEST.INVALID');
      assert.equal(await pairDocs(CONTOSO), 1);
    });

    it('When the Primary admin removes the customer, then the relationship and partner roles go and access stops at once', async () => {
      const roles = app.store.collection<RoleDoc>(RoleCollections.roles);
      const assignments = app.store.collection<AssignmentDoc>(AssignmentCollections.assignments);
      const roleId = '11111111-1111-4111-8111-111111111111';
      await roles.insertOne({
        _id: roleId,
        tenantId: CONTOSO,
        partnerTenantId: FAB,
        name: 'Help desk',
        description: '',
        permissions: ['tickets.view'],
        createdAt: new Date(),
        createdBy: 'test',
      });
      await assignments.insertOne({
        _id: '22222222-2222-4222-8222-222222222222',
        tenantId: CONTOSO,
        partnerTenantId: FAB,
        roleId,
        members: [fabGroup('help-desk')],
        scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
        notify: true,
        createdAt: new Date(),
        createdBy: 'test',
      });
      // The customer's own role must survive the partner's removal.
      await roles.insertOne({
        _id: '33333333-3333-4333-8333-333333333333',
        tenantId: CONTOSO,
        partnerTenantId: null,
        name: 'Own',
        description: '',
        permissions: [],
        createdAt: new Date(),
        createdBy: 'test',
      });

      assert.equal(
        (
          await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
            token: t['fabrikam/pradeep'],
          })
        ).status,
        200
      );
      const r = await removeContoso('fabrikam/pradeep');
      assert.equal(r.status, 204, r.text);
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
          token: t['fabrikam/pradeep'],
        }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
      const list = await app.call('GET', '/api/partner/customers', {
        token: t['fabrikam/pradeep'],
      });
      assert.deepEqual(list.body.items, []);
      assert.equal(await pairDocs(CONTOSO), 0);
      assert.equal(await roles.countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }), 0);
      assert.equal(
        await assignments.countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }),
        0
      );
      assert.equal(await roles.countDocuments({ tenantId: CONTOSO, partnerTenantId: null }), 1);
      const customerSide = await app.call('GET', '/api/customer/partners', {
        token: t['contoso/alex'],
      });
      assert.deepEqual(customerSide.body.items, []);
      expectError(await removeContoso('fabrikam/pradeep'), 404, 'RELATIONSHIP.NOT_FOUND');
    });

    it('When the demo data is seeded again, then the seeded relationship comes back exactly once', async () => {
      await seedDemoData(app.store);
      await seedDemoData(app.store);
      assert.equal(await pairDocs(CONTOSO), 1);
      assert.equal(
        (
          await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
            token: t['fabrikam/pradeep'],
          })
        ).status,
        200
      );
    });
  });
});
