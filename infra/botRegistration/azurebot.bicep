// Registers the App Service as an Azure Bot whose identity is the user-assigned managed
// identity (no app password to rotate), and connects it to Microsoft Teams.

@maxLength(42)
@description('Display name of the bot registration.')
param botDisplayName string

@description('Name of the Azure Bot resource.')
param botServiceName string

@allowed(['F0', 'S1'])
@description('F0 is free; S1 is needed for premium channels only, not for Teams.')
param botServiceSku string = 'F0'

@description('Public host name of the service (no scheme), e.g. rph01.azurewebsites.net.')
param botAppDomain string

@description('Client id of the user-assigned managed identity; it is the bot\'s app id.')
param identityClientId string

@description('Resource id of the user-assigned managed identity.')
param identityResourceId string

@description('Tenant of the managed identity.')
param identityTenantId string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  kind: 'azurebot'
  location: 'global'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource msTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      // Without accepted terms the Teams app package validation reports the bot as not
      // registered for Teams, although the channel resource exists.
      acceptedTerms: true
    }
  }
}

output botServiceName string = botService.name
