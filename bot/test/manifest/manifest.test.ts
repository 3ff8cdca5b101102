/**
 * The Teams app package and its provisioning files, checked offline: the manifest against the
 * v1.24 schema bundled with @microsoft/app-manifest (passing the schema explicitly, since without
 * it the library downloads one), the icons' sizes and pixels, and the consistency of the
 * placeholders between the manifests, env/.env.dev, the Bicep parameters and teamsapp.yml.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { consentUrl } from '../../src/server.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_PACKAGE = `${ROOT}appPackage/`;
const require = createRequire(import.meta.url);

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Teams' own client ids (desktop/mobile and web), which must be pre-authorised for SSO. */
const TEAMS_CLIENT_IDS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
];
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_APP_ROLES = {
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
};

/** Values Teams Toolkit would write after provisioning; shapes as in a real environment. */
const SAMPLE_ENV: Record<string, string> = {
  TEAMS_APP_ID: '3f9a4c1e-8b2d-4e6f-9a0b-1c2d3e4f5a6b',
  BOT_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
  AAD_APP_CLIENT_ID: 'c0ffee00-1234-4abc-9def-0123456789ab',
  TAB_DOMAIN: 'rphcontoso01.azurewebsites.net',
  TAB_ENDPOINT: 'https://rphcontoso01.azurewebsites.net',
};

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function placeholdersIn(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for \${{${name}}}`);
    return value;
  });
}

/** Keys defined in a dotenv file (empty values count: Teams Toolkit fills them in). */
function envKeys(path: string): Set<string> {
  const keys = new Set<string>();
  for (const line of readText(path).split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (match) keys.add(match[1]!);
  }
  return keys;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA, 8 bits per channel; only filled for 8-bit RGBA images. */
  rgba: Uint8Array | undefined;
}

/** A small PNG reader: header fields, and pixels for non-interlaced 8-bit RGBA. */
function readPng(path: string): Png {
  const bytes = readFileSync(path);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.subarray(0, 8).equals(signature), `${path} is not a PNG`);
  assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24]!;
  const colorType = bytes[25]!;
  const interlace = bytes[28]!;
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) {
    return { width, height, bitDepth, colorType, rgba: undefined };
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rgba[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, rgba };
}

interface StaticTab {
  entityId: string;
  name?: string;
  contentUrl?: string;
  websiteUrl?: string;
  scopes: string[];
}

interface TeamsManifestShape {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean }[];
  staticTabs: StaticTab[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

interface AadManifestShape {
  appId: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
  requiredResourceAccess: {
    resourceAppId: string;
    resourceAccess: { id: string; type: string }[];
  }[];
  web: { redirectUris: string[] };
}

describe('Teams app package', () => {
  const manifestText = readText(`${APP_PACKAGE}manifest.json`);
  const manifest = JSON.parse(fill(manifestText, SAMPLE_ENV)) as TeamsManifestShape;
  const envDev = envKeys(`${ROOT}env/.env.dev`);

  it('When placeholders hold sample values, then the manifest passes schema v1.24', async () => {
    assert.equal(manifest.manifestVersion, '1.24');
    assert.equal(
      manifest.$schema,
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.24/MicrosoftTeams.schema.json'
    );
    const schema =
      require('@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.schema.json') as ManifestSchema;
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest as unknown as AppManifest,
      schema
    );
    assert.deepEqual(errors, []);
  });

  it('When Teams shows the app in French, then fr.json translates it and passes the localization schema', async () => {
    const info = (
      manifest as unknown as {
        localizationInfo: {
          defaultLanguageTag: string;
          additionalLanguages: { languageTag: string; file: string }[];
        };
      }
    ).localizationInfo;
    assert.equal(info.defaultLanguageTag, 'en-us');
    const french = info.additionalLanguages.find((l) => l.languageTag === 'fr-fr');
    assert.ok(french, 'a fr-fr language file is declared');
    const strings = JSON.parse(readText(`${APP_PACKAGE}${french.file}`)) as Record<string, string>;
    // The localization schema's patterns are not valid in the validator's unicode mode, so the
    // file is checked against the schema's own rules here: required keys, known keys, lengths.
    const schema =
      require('@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json') as {
        required: string[];
        properties: Record<string, { maxLength?: number }>;
        patternProperties: Record<string, { maxLength?: number }>;
        additionalProperties?: boolean;
      };
    for (const key of schema.required) assert.ok(key in strings, `${key} is required`);
    for (const [key, value] of Object.entries(strings)) {
      const rule =
        schema.properties[key] ??
        Object.entries(schema.patternProperties).find(([pattern]) =>
          new RegExp(pattern).test(key)
        )?.[1];
      assert.ok(rule, `${key} is a field the schema knows`);
      assert.equal(typeof value, 'string', key);
      if (rule.maxLength !== undefined)
        assert.ok(value.length <= rule.maxLength, `${key} is too long`);
    }
    assert.equal(
      strings.$schema,
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json'
    );
    // Translated, not copied: the descriptions differ from the English ones.
    assert.notEqual(
      strings['description.short'],
      (manifest as unknown as { description: { short: string } }).description.short
    );
    assert.match(strings['description.full']!, /partenaire/);
    // Every key names a field of the English manifest.
    assert.ok(strings['staticTabs[0].name']);
    // The bot's commands (the menu Teams shows in chat) are translated too, one by one, with the
    // French command words the bot understands.
    const lists = (
      manifest as unknown as {
        bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
      }
    ).bots[0]!.commandLists;
    for (const [i, list] of lists.entries()) {
      for (const [j, command] of list.commands.entries()) {
        const key = `bots[0].commandLists[${i}].commands[${j}]`;
        assert.ok(strings[`${key}.title`], `${key}.title (${command.title}) is translated`);
        assert.ok(strings[`${key}.description`], `${key}.description is translated`);
        assert.notEqual(strings[`${key}.description`], command.description);
      }
    }
    assert.equal(strings['bots[0].commandLists[0].commands[5].title'], 'aide');
  });

  it('When a field breaks the schema, then the check reports it (it is live)', async () => {
    const schema =
      require('@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.schema.json') as ManifestSchema;
    const broken = { ...manifest, name: { ...manifest.name, short: 'x'.repeat(31) } };
    const errors = await AppManifestUtils.validateAgainstSchema(
      broken as unknown as AppManifest,
      schema
    );
    assert.ok(
      errors.some((e) => e.includes('/name/short')),
      errors.join('\n')
    );
  });

  it('When reading the manifest, then it declares the product bot, tab and SSO', () => {
    assert.equal(manifest.name.short, 'Rooms Partner Hub');
    assert.ok(manifest.name.short.length <= 30);
    assert.equal(manifest.id, SAMPLE_ENV.TEAMS_APP_ID);

    assert.equal(manifest.bots.length, 1);
    const [bot] = manifest.bots;
    assert.equal(bot?.botId, SAMPLE_ENV.BOT_ID);
    assert.deepEqual([...(bot?.scopes ?? [])].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot?.supportsFiles, false);

    const hub = manifest.staticTabs.find((t) => t.name === 'Partner Hub');
    assert.ok(hub, 'a static tab named "Partner Hub"');
    assert.deepEqual(hub.scopes, ['personal']);
    assert.ok(manifestText.includes('"contentUrl": "${{TAB_ENDPOINT}}/?inTeams=1"'));

    assert.equal(manifest.webApplicationInfo.id, SAMPLE_ENV.AAD_APP_CLIENT_ID);
    assert.equal(
      manifest.webApplicationInfo.resource,
      `api://${SAMPLE_ENV.TAB_DOMAIN}/${SAMPLE_ENV.AAD_APP_CLIENT_ID}`
    );
  });

  it('When a tab URL is opened, then its host is one of the valid domains', () => {
    const urls = manifest.staticTabs.flatMap((t) => [t.contentUrl, t.websiteUrl]);
    for (const url of urls.filter((u): u is string => u !== undefined)) {
      assert.ok(url.startsWith('https://'), `${url} must be https`);
      assert.ok(manifest.validDomains.includes(new URL(url).host), `${url} not in validDomains`);
    }
  });

  it('When reading the icons, then color is 192 px and outline 32 px white on clear', () => {
    const color = readPng(`${APP_PACKAGE}${manifest.icons.color}`);
    assert.deepEqual([color.width, color.height], [192, 192]);

    const outline = readPng(`${APP_PACKAGE}${manifest.icons.outline}`);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    assert.equal(outline.colorType, 6, 'the outline icon needs an alpha channel');
    const rgba = outline.rgba;
    assert.ok(rgba, 'the outline icon is 8-bit RGBA');
    let opaque = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3]!;
      if (alpha === 0) continue;
      opaque += 1;
      assert.deepEqual([...rgba.subarray(i, i + 3)], [255, 255, 255], `pixel ${i / 4} not white`);
    }
    assert.equal(rgba[3], 0, 'the corner is transparent');
    assert.ok(opaque > 50, 'the outline icon draws something');
  });

  it('When the manifest uses ${{VAR}}, then env/.env.dev defines VAR', () => {
    const missing = [...placeholdersIn(manifestText)].filter((name) => !envDev.has(name));
    assert.deepEqual(missing, []);
  });

  it('When provisioning files use ${{VAR}}, then env/.env.dev defines it or it is a secret', () => {
    for (const file of ['appPackage/aad.manifest.json', 'infra/azure.parameters.json']) {
      const missing = [...placeholdersIn(readText(`${ROOT}${file}`))].filter(
        // SECRET_* values live in env/.env.dev.user, which Teams Toolkit writes and git ignores.
        (name) => !envDev.has(name) && !name.startsWith('SECRET_')
      );
      assert.deepEqual(missing, [], file);
    }
  });

  it('When env/.env.dev is read, then it holds no secret values', () => {
    for (const line of readText(`${ROOT}env/.env.dev`).split(/\r?\n/)) {
      assert.ok(!/^\s*SECRET_/.test(line), `secret in env/.env.dev: ${line}`);
    }
  });
});

describe('Entra app manifest for SSO', () => {
  const text = readText(`${APP_PACKAGE}aad.manifest.json`);
  const aad = JSON.parse(
    fill(text, {
      ...SAMPLE_ENV,
      AAD_APP_OBJECT_ID: '11111111-2222-4333-8444-555555555555',
      AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '66666666-7777-4888-9999-000000000000',
      APP_NAME_SUFFIX: 'dev',
    })
  ) as AadManifestShape;
  const manifest = JSON.parse(
    fill(readText(`${APP_PACKAGE}manifest.json`), SAMPLE_ENV)
  ) as TeamsManifestShape;

  it('When Teams asks for a token, then the resource matches the Application ID URI', () => {
    assert.deepEqual(aad.identifierUris, [manifest.webApplicationInfo.resource]);
    assert.equal(aad.appId, manifest.webApplicationInfo.id);
    // v2 tokens put the client id in `aud`: the service's AUTH_AUDIENCE.
    assert.equal(aad.api.requestedAccessTokenVersion, 2);
    assert.equal(aad.signInAudience, 'AzureADMultipleOrgs');
  });

  it('When the Teams clients ask for access_as_user, then they are pre-authorised', () => {
    const scope = aad.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user');
    assert.ok(scope?.isEnabled);
    assert.equal(scope.type, 'User');
    for (const clientId of TEAMS_CLIENT_IDS) {
      const entry = aad.api.preAuthorizedApplications.find((p) => p.appId === clientId);
      assert.deepEqual(entry?.delegatedPermissionIds, [scope.id], clientId);
    }
  });

  it('When the directory adapter calls Graph, then the app requests the application roles', () => {
    const graph = aad.requiredResourceAccess.find((r) => r.resourceAppId === GRAPH_APP_ID);
    for (const [name, id] of Object.entries(GRAPH_APP_ROLES)) {
      assert.ok(
        graph?.resourceAccess.some((a) => a.id === id && a.type === 'Role'),
        `${name} as an application permission`
      );
    }
  });

  it("When the tab asks for consent, then Entra accepts the redirect to the tab's auth-end page", () => {
    const target = new URL(
      consentUrl({
        AUTH_MODE: 'entra',
        AUTH_AUDIENCE: [aad.appId, aad.identifierUris[0]!],
        PUBLIC_URL: `https://${SAMPLE_ENV.TAB_DOMAIN}`,
      }) ?? ''
    );
    const redirect = target.searchParams.get('redirect_uri');
    assert.ok(redirect && aad.web.redirectUris.includes(redirect), `${redirect} registered`);
    assert.ok(existsSync(`${ROOT}tab/auth-end.html`));
  });
});

describe('Provisioning files', () => {
  it('When teamsapp files name a local file, then it exists', () => {
    for (const file of ['teamsapp.yml', 'teamsapp.local.yml']) {
      const text = readText(`${ROOT}${file}`);
      const paths = [...text.matchAll(/(?:manifestPath|path|parameters|ignoreFile):\s*(\.\/\S+)/g)]
        .map((m) => m[1]!)
        .filter((p) => !p.includes('${{'));
      assert.ok(paths.length > 0, file);
      for (const path of paths) assert.ok(existsSync(`${ROOT}${path}`), `${file}: ${path}`);
    }
  });

  it('When Bicep parameters are passed, then azure.bicep declares all it needs', () => {
    const bicep = readText(`${ROOT}infra/azure.bicep`);
    const declared = new Map(
      [...bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)].map((m) => [m[1]!, m[2] !== undefined])
    );
    const parameters = JSON.parse(readText(`${ROOT}infra/azure.parameters.json`)) as {
      parameters: Record<string, { value: unknown }>;
    };
    const passed = Object.keys(parameters.parameters);
    for (const name of passed) assert.ok(declared.has(name), `azure.bicep lacks param ${name}`);
    for (const [name, hasDefault] of declared) {
      if (!hasDefault) assert.ok(passed.includes(name), `azure.parameters.json lacks ${name}`);
    }
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      assert.match(String(value), /\$\{\{[A-Z0-9_]+\}\}/, `${name} must be a placeholder`);
    }
  });

  it('When the bot registration module is read, then it enables the Teams channel', () => {
    const bot = readText(`${ROOT}infra/botRegistration/azurebot.bicep`);
    assert.match(bot, /channelName: 'MsTeamsChannel'/);
    assert.match(readText(`${ROOT}infra/azure.bicep`), /'\.\/botRegistration\/azurebot\.bicep'/);
  });
});
