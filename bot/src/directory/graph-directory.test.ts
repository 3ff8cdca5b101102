/**
 * The Graph adapter against recorded Microsoft Graph response shapes (v1.0), through an injected
 * fetch: no network. Asserts the requests it makes (paths, $search quoting, ConsistencyLevel,
 * paging) and how it maps the answers.
 */
import assert from 'node:assert/strict';
import { GraphDirectory, graphSearchTerm } from './graph-directory.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../core/principal.ts';

const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const USER = 'b1b2c3d4-0000-4000-8000-000000000002';
const GRAPH = 'https://graph.example/v1.0';

// Recorded shapes (trimmed) from Graph v1.0 responses.
const recorded: Record<string, unknown> = {
  [`/users/${USER}`]: {
    '@odata.context': `${GRAPH}/$metadata#users(id,displayName,userPrincipalName)/$entity`,
    id: USER,
    displayName: 'Megan Bowen',
    userPrincipalName: 'MeganB@contoso.example',
  },
  '/users': {
    '@odata.context': `${GRAPH}/$metadata#users(id,displayName,userPrincipalName)`,
    value: [{ id: USER, displayName: 'Megan Bowen', userPrincipalName: 'MeganB@contoso.example' }],
  },
  '/groups': {
    '@odata.context': `${GRAPH}/$metadata#groups(id,displayName,description,securityEnabled)`,
    '@odata.count': 1,
    value: [{ id: 'g-1', displayName: 'Help Desk', description: null, securityEnabled: true }],
  },
  [`/users/${USER}/transitiveMemberOf/microsoft.graph.group`]: {
    '@odata.context': `${GRAPH}/$metadata#groups(id,securityEnabled)`,
    value: [
      { '@odata.type': '#microsoft.graph.group', id: 'g-1', securityEnabled: true },
      { '@odata.type': '#microsoft.graph.group', id: 'm365-1', securityEnabled: false },
    ],
    '@odata.nextLink': `${GRAPH}/users/${USER}/transitiveMemberOf/microsoft.graph.group?$skiptoken=page2`,
  },
  [`/users/${USER}/transitiveMemberOf/microsoft.graph.group?page2`]: {
    value: [{ '@odata.type': '#microsoft.graph.group', id: 'g-2', securityEnabled: true }],
  },
  [`/users/${USER}/transitiveMemberOf/microsoft.graph.directoryRole`]: {
    value: [
      {
        '@odata.type': '#microsoft.graph.directoryRole',
        roleTemplateId: GLOBAL_ADMIN_ROLE_TEMPLATE_ID,
      },
    ],
  },
};

function fakeGraph() {
  const requests: { url: string; headers: Record<string, string>; method: string }[] = [];
  let tokenCalls = 0;
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string>) ?? {})
    );
    requests.push({ url, headers, method: init?.method ?? 'GET' });
    if (url.startsWith('https://login.example/')) {
      tokenCalls++;
      return Response.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'app-token' });
    }
    const u = new URL(url);
    const key =
      u.pathname.replace('/v1.0', '') + (u.searchParams.get('$skiptoken') ? '?page2' : '');
    if (key === '/users/00000000-0000-4000-8000-000000000404') {
      return Response.json({ error: { code: 'Request_ResourceNotFound' } }, { status: 404 });
    }
    const body = recorded[key];
    return body
      ? Response.json(body)
      : Response.json({ error: { code: 'BadRequest' } }, { status: 400 });
  }) as typeof fetch;
  return { fetchImpl, requests, tokenCalls: () => tokenCalls };
}

describe('Graph directory adapter (recorded shapes)', () => {
  const make = () => {
    const g = fakeGraph();
    const dir = new GraphDirectory({
      clientId: 'client',
      clientSecret: 'secret',
      graphBaseUrl: GRAPH,
      authorityHost: 'https://login.example',
      fetch: g.fetchImpl,
    });
    return { dir, ...g };
  };

  it('When a user is read, then it maps id, name and UPN with an app token for that tenant', async () => {
    const { dir, requests } = make();
    const u = await dir.getUser(TENANT, USER);
    assert.deepEqual(u, {
      id: USER,
      tenantId: TENANT,
      displayName: 'Megan Bowen',
      userPrincipalName: 'MeganB@contoso.example',
    });
    assert.equal(requests[0].url, `https://login.example/${TENANT}/oauth2/v2.0/token`);
    assert.equal(requests[1].headers.authorization, 'Bearer app-token');
  });

  it('When a user does not exist, then null (404 is not an error)', async () => {
    const { dir } = make();
    assert.equal(await dir.getUser(TENANT, '00000000-0000-4000-8000-000000000404'), null);
  });

  it('When searching, then $search is quoted, ConsistencyLevel is eventual, groups are security-enabled only', async () => {
    const { dir, requests } = make();
    const found = await dir.search(TENANT, 'Me"g', { kinds: ['user', 'group'], limit: 10 });
    assert.deepEqual(
      found.map((f) => `${f.kind}:${f.displayName}`),
      ['group:Help Desk', 'user:Megan Bowen']
    );
    const usersReq = requests.find((r) => r.url.includes('/users?'))!;
    assert.equal(usersReq.headers.consistencylevel, 'eventual');
    assert.equal(
      new URL(usersReq.url).searchParams.get('$search'),
      '"displayName:Me\\"g" OR "userPrincipalName:Me\\"g"'
    );
    const groupsReq = requests.find((r) => r.url.includes('/groups?'))!;
    assert.equal(new URL(groupsReq.url).searchParams.get('$filter'), 'securityEnabled eq true');
  });

  it('When listing transitive groups, then paging is followed and non-security groups are dropped', async () => {
    const { dir } = make();
    assert.deepEqual(await dir.transitiveGroupIds(TENANT, USER), ['g-1', 'g-2']);
  });

  it('When the user holds the Global Administrator directory role, then isGlobalAdmin is true', async () => {
    const { dir } = make();
    assert.equal(await dir.isGlobalAdmin(TENANT, USER), true);
  });

  it('When several calls are made, then the app token is cached per tenant', async () => {
    const { dir, tokenCalls } = make();
    await dir.getUser(TENANT, USER);
    await dir.getUser(TENANT, USER);
    assert.equal(tokenCalls(), 1);
  });

  it('When quoting search terms, then backslashes and quotes are escaped', () => {
    assert.equal(graphSearchTerm('displayName', 'a\\b"c'), '"displayName:a\\\\b\\"c"');
  });
});
