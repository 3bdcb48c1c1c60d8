// `import Apus` brings the whole framework: the application core, models and validation, static files, WebSockets, templates, and the macros.
@_exported import ApusCore
@_exported import ApusModels
@_exported import ApusEndpoints
@_exported import ApusSecurity
@_exported import ApusOpenAPI
@_exported import ApusStaticFiles
@_exported import ApusWebSocket
@_exported import ApusTemplates
