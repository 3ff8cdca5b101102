// Azure resources for Rooms Partner Hub (environment "dev" and up):
// - one Linux App Service (Node 20) running the service, which also serves the tab;
// - a user-assigned managed identity: the bot's identity and the App Service's identity for
//   Key Vault references;
// - Azure Cosmos DB for MongoDB (RU, serverless) as the database;
// - Key Vault holding every secret (database connection string, Graph client secret);
// - the Azure Bot registration with the Teams channel (module botRegistration/azurebot.bicep).
// No secret is a plain app setting: the App Service reads them through Key Vault references.
// Outputs in UPPER_CASE are written to env/.env.<env> by Teams Toolkit's arm/deploy action.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name: lowercase letters and digits.')
param resourceBaseName string

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 or higher keeps the service always on.')
param webAppSku string = 'B1'

@maxLength(42)
@description('Display name of the bot registration.')
param botDisplayName string

@description('Client id of the Entra app used for tab SSO and Microsoft Graph (aadApp/create).')
param aadAppClientId string

@secure()
@description('Client secret of that Entra app, for the Graph directory adapter; kept in Key Vault.')
param aadAppClientSecret string

@description('MongoDB database name.')
param mongoDatabaseName string = 'rooms_partner_hub'

@allowed(['4.2', '5.0', '6.0', '7.0'])
@description('MongoDB wire protocol version of the Cosmos DB account.')
param mongoServerVersion string = '6.0'

@description('Teams app id (manifest id): incident cards open the tab through Teams deep links.')
param teamsAppId string = ''

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var baseName = toLower(resourceBaseName)
var keyVaultName = 'kv${suffix}'
var cosmosAccountName = take('${baseName}-mongo-${suffix}', 44)
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var roleDefinitions = 'Microsoft.Authorization/roleDefinitions'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: baseName
  location: location
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  kind: 'MongoDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Serverless: pay per request, right for a partner tool's modest and bursty load.
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    apiProperties: {
      serverVersion: mongoServerVersion
    }
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource mongoDatabase 'Microsoft.DocumentDB/databaseAccounts/mongodbDatabases@2024-05-15' = {
  parent: cosmos
  name: mongoDatabaseName
  properties: {
    resource: {
      id: mongoDatabaseName
    }
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
  }
}

resource mongoUriSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'mongodb-uri'
  properties: {
    // Read from the account at deployment time, so the connection string never leaves Azure.
    value: cosmos.listConnectionStrings().connectionStrings[0].connectionString
    contentType: 'text/plain'
  }
}

resource graphClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'graph-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'text/plain'
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId(roleDefinitions, keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: baseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: baseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity, not a system one.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: webAppSku != 'F1' && webAppSku != 'D1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

// App settings live in their own resource so they can use the site's final host name.
// Every key is read by bot/src/config.ts (unknown keys are ignored there).
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    NODE_ENV: 'production'
    HOST: '0.0.0.0'
    PORT: '8080'
    WEBSITES_PORT: '8080'
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    AUTH_MODE: 'entra'
    // Entra v2 access tokens (requestedAccessTokenVersion 2) carry the API's client id in `aud`.
    AUTH_AUDIENCE: aadAppClientId
    MONGODB_URI: '@Microsoft.KeyVault(SecretUri=${mongoUriSecret.properties.secretUri})'
    MONGODB_DB: mongoDatabaseName
    MICROSOFT_APP_ID: identity.properties.clientId
    MICROSOFT_APP_TYPE: 'UserAssignedMSI'
    MICROSOFT_APP_TENANT_ID: identity.properties.tenantId
    TEAMS_APP_ID: teamsAppId
    DIRECTORY_PROVIDER: 'graph'
    GRAPH_CLIENT_ID: aadAppClientId
    GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${graphClientSecret.properties.secretUri})'
    SEED_DEMO_DATA: 'false'
    // For Azure SDK credentials (DefaultAzureCredential) picking the user-assigned identity.
    AZURE_CLIENT_ID: identity.properties.clientId
    // The deploy step ships a built artifact with node_modules; do not rebuild on the server.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    // Key Vault references fail until the identity may read secrets.
    secretsReader
    mongoDatabase
  ]
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: baseName
    botDisplayName: botDisplayName
    botAppDomain: webApp.properties.defaultHostName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
  }
}

// Written to env/.env.<env> by Teams Toolkit; the app manifest and deploy step use them.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output KEY_VAULT_NAME string = keyVault.name
output COSMOS_ACCOUNT_NAME string = cosmos.name
