// CIC Benchmarks service: a Linux Consumption Function App (Node 20, Functions v4), the Storage account
// whose Table service holds the releases, and a Static Web App that hosts the add-in's files over HTTPS
// (cache headers from the build's staticwebapp.config.json). Deploy:
//   az deployment group create -g <rg> -f infra/main.bicep -p name=<prefix> tenantId=<tenant> apiAudience=api://<app-id-uri>
// then zip-deploy dist/functions-app and upload dist/addin (docs/deploy.md walks through it).

@description('Short lower-case prefix for resource names (3–11 letters/digits).')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('Extra origins allowed by CORS besides the add-in host created here (comma-separated), e.g. a custom domain.')
param extraAllowedOrigins string = ''

@description('Region of the add-in host: Static Web Apps run in a few regions only.')
@allowed(['westeurope', 'northeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param addinLocation string = 'westeurope'

@description('Entra ID tenant that issues publishing tokens.')
param tenantId string

@description('Application ID URI (or client id) of the API app registration: the tokens\' audience.')
param apiAudience string

@description('App role a caller needs to upload or publish a release.')
param publishRole string = 'Releases.Publish'

var storageName = toLower('${name}cicdata')

// The add-in's files (taskpane, functions.json, manifest, help, hashed scripts): HTTPS on a managed
// certificate. Free tier suffices; Standard adds an SLA and private endpoints.
resource addinHost 'Microsoft.Web/staticSites@2023-12-01' = {
  name: '${name}-cic-addin'
  location: addinLocation
  sku: { name: 'Free', tier: 'Free' }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

var addinOrigin = 'https://${addinHost.properties.defaultHostname}'
var allowedOrigins = empty(extraAllowedOrigins) ? addinOrigin : '${addinOrigin},${extraAllowedOrigins}'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-cic-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-cic-plan'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-cic-api'
  location: location
  kind: 'functionapp,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|20'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // CORS is answered in code (CIC_ALLOWED_ORIGINS); an empty platform list keeps the two from fighting.
      cors: { allowedOrigins: [] }
      appSettings: [
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'CIC_STORAGE_CONNECTION', value: storageConnection }
        { name: 'CIC_ALLOWED_ORIGINS', value: allowedOrigins }
        { name: 'CIC_AUTH_ISSUER', value: 'https://login.microsoftonline.com/${tenantId}/v2.0' }
        { name: 'CIC_AUTH_AUDIENCE', value: apiAudience }
        // The service fetches the tenant's signing keys itself and fetches them again when Entra rotates them.
        { name: 'CIC_AUTH_JWKS_URL', value: 'https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys' }
        { name: 'CIC_AUTH_ROLE', value: publishRole }
      ]
    }
  }
}

output apiBaseUrl string = 'https://${app.properties.defaultHostName}/api'
output addinBaseUrl string = addinOrigin
output addinHostName string = addinHost.name
output functionAppName string = app.name
output storageAccountName string = storage.name
