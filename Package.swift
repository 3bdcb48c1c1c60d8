// swift-tools-version: 6.2
import CompilerPluginSupport
import PackageDescription

// Swift 6 language mode everywhere, plus the upcoming features Hummingbird uses to keep APIs explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "apus",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Apus", targets: ["Apus"]),
        .library(name: "ApusHTTP", targets: ["ApusHTTP"]),
        .library(name: "ApusCore", targets: ["ApusCore"]),
        .library(name: "ApusModels", targets: ["ApusModels"]),
        .library(name: "ApusForms", targets: ["ApusForms"]),
        .library(name: "ApusEndpoints", targets: ["ApusEndpoints"]),
        .library(name: "ApusSecurity", targets: ["ApusSecurity"]),
        .library(name: "ApusOpenAPI", targets: ["ApusOpenAPI"]),
        .library(name: "ApusOpenAPIKit", targets: ["ApusOpenAPIKit"]),
        .library(name: "ApusTesting", targets: ["ApusTesting"]),
        .library(name: "ApusPasswords", targets: ["ApusPasswords"]),
        .library(name: "ApusJWT", targets: ["ApusJWT"]),
        .library(name: "ApusMiddleware", targets: ["ApusMiddleware"]),
        .library(name: "ApusStaticFiles", targets: ["ApusStaticFiles"]),
        .library(name: "ApusWebSocket", targets: ["ApusWebSocket"]),
        .library(name: "ApusTemplates", targets: ["ApusTemplates"]),
        .executable(name: "apus-example", targets: ["ExampleServer"]),
        .executable(name: "apus-security-twin", targets: ["SecurityTwinServer"]),
        .executable(name: "apus-middleware-twin", targets: ["MiddlewareTwinServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax.git", exact: "603.0.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // The text formats every target above writes or reads, one implementation each: JSON text (escaping,
        // numbers, the non-finite float rule), percent-decoding, HTTP and ISO 8601 dates. No dependencies.
        .target(
            name: "ApusWireFormats",
            swiftSettings: swiftSettings
        ),
        // The HTTP/1.1 server on SwiftNIO. Knows nothing of routing.
        .target(
            name: "ApusHTTP",
            dependencies: [
                "ApusWireFormats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The application core: app, router, request/response, middleware, errors, lifespan.
        .target(
            name: "ApusCore",
            dependencies: [
                "ApusHTTP",
                "ApusWireFormats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Models and validation (what Pydantic is to FastAPI). No HTTP dependency.
        .target(
            name: "ApusModels",
            dependencies: ["ApusWireFormats"],
            swiftSettings: swiftSettings
        ),
        // Form bodies: urlencoded and multipart parsing with FastAPI's limits, uploads spooled to disk.
        .target(
            name: "ApusForms",
            dependencies: [
                "ApusWireFormats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Typed endpoints: extractors, parameter-pack handlers, request validation (422), dependency injection.
        .target(
            name: "ApusEndpoints",
            dependencies: ["ApusCore", "ApusModels", "ApusForms"],
            swiftSettings: swiftSettings
        ),
        // Security schemes as extractors (FastAPI's `fastapi.security`: OAuth2, HTTP Basic/Bearer/Digest, API keys,
        // OpenID Connect), documented in OpenAPI, and the password-flow token form.
        .target(
            name: "ApusSecurity",
            dependencies: [
                "ApusCore",
                "ApusModels",
                "ApusEndpoints",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The OpenAPI 3.1 document built from the routes (written as ordered JSON), and the docs pages (Swagger UI,
        // ReDoc).
        .target(
            name: "ApusOpenAPI",
            dependencies: ["ApusCore", "ApusModels", "ApusEndpoints"],
            swiftSettings: swiftSettings
        ),
        // The same document read back as OpenAPIKit's typed model, for apps that ask for it; kept apart so an app
        // that does not never builds OpenAPIKit.
        .target(
            name: "ApusOpenAPIKit",
            dependencies: [
                "ApusCore",
                "ApusModels",
                "ApusOpenAPI",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP middleware with Starlette's semantics: CORS, GZip, TrustedHost, HTTPSRedirect, security headers and
        // signed cookie sessions. Its own target because it brings zlib (compress-nio) and swift-crypto.
        .target(
            name: "ApusMiddleware",
            dependencies: [
                "ApusCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Static files with Starlette's `StaticFiles` semantics (`app.mount("/static", StaticFiles(directory:))`):
        // conditional requests, byte ranges, html mode, traversal-safe lookups, files streamed from disk. Its own
        // target because it brings swift-crypto (the ETag is Starlette's MD5).
        .target(
            name: "ApusStaticFiles",
            dependencies: [
                "ApusCore",
                "ApusWireFormats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // WebSocket routes (`app.websocket("/ws/{room}", Path<String>("room")) { ws, room in ... }`) with the typed
        // endpoints' extractors and dependencies, on swift-websocket's protocol handling and NIO's frame codec; and
        // the in-process rooms helper (``Broadcast``).
        .target(
            name: "ApusWebSocket",
            dependencies: [
                "ApusWireFormats",
                "ApusCore",
                "ApusHTTP",
                "ApusModels",
                "ApusEndpoints",
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "WSCompression", package: "swift-websocket"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Compiler plugin with the macros (@Schema, @Field, @Routes and the method macros).
        .macro(
            name: "ApusMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        // What users import: the core, the models and the macros.
        // Mustache templates rendered into HTML responses (`Templates(directory:)`), with reverse routing
        // (`{{#url_for}}read_item item_id=id{{/url_for}}`), on swift-mustache (no dependencies of its own).
        .target(
            name: "ApusTemplates",
            dependencies: [
                "ApusCore",
                "ApusModels",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Apus",
            dependencies: [
                "ApusCore", "ApusModels", "ApusEndpoints", "ApusSecurity", "ApusOpenAPI", "ApusStaticFiles", "ApusWebSocket",
                "ApusTemplates", "ApusMacros",
            ],
            swiftSettings: swiftSettings
        ),
        // The test client: in process or against a live server.
        .target(
            name: "ApusTesting",
            dependencies: [
                "ApusCore",
                "ApusHTTP",
                "ApusWebSocket",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "WSCompression", package: "swift-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Password hashing: scrypt in PHC strings for new hashes; bcrypt and passlib's pbkdf2-sha256 and scrypt verified
        // so logins survive a move from Python. Runs on its own bounded thread pool, never on an event loop.
        .target(
            name: "ApusPasswords",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
        // JSON Web Tokens on jwt-kit: a verifier with an algorithm allow-list, key sets with `kid` rotation and JWKS,
        // registered-claim checks with leeway, and the 401 `invalid_token` answer; a signer that issues them.
        .target(
            name: "ApusJWT",
            dependencies: [
                "ApusCore",
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // The example service, as a library so tests can drive it, and the executable that serves it.
        .target(
            name: "ExampleService",
            dependencies: ["Apus", "ApusJWT", "ApusPasswords", "ApusMiddleware", .product(name: "Logging", package: "swift-log")],
            exclude: ["Static", "Templates"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ExampleServer",
            dependencies: ["Apus", "ExampleService"],
            swiftSettings: swiftSettings
        ),
        // The server the middleware proofs (Tests/Middleware) compare with Starlette's middlewares.
        .executableTarget(
            name: "MiddlewareTwinServer",
            dependencies: ["ApusCore", "ApusMiddleware"],
            swiftSettings: swiftSettings
        ),
        // Every security scheme behind a route, for the differential test against FastAPI (Tests/Security).
        .executableTarget(
            name: "SecurityTwinServer",
            dependencies: ["Apus"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusWireFormatsTests",
            dependencies: ["ApusWireFormats"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusHTTPTests",
            dependencies: [
                "ApusHTTP",
                "ApusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusCoreTests",
            dependencies: [
                "ApusCore", "ApusTesting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusModelsTests",
            dependencies: ["ApusModels", "Apus"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusFormsTests",
            dependencies: ["ApusForms", "ApusTesting", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusEndpointsTests",
            dependencies: ["Apus", "ApusTesting", "ApusMiddleware"],
            exclude: [
                "Streaming/fastapi_streams.py", "Streaming/fastapi_streams.json", "Streaming/requirements.txt",
                "Background/fastapi_background.py", "Background/fastapi_background.json",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusSecurityTests",
            dependencies: ["Apus", "ApusTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusOpenAPITests",
            dependencies: [
                "ApusOpenAPIKit", "ApusTesting", "Apus", "ExampleService",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            exclude: ["Fixtures", "Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusMacrosTests",
            dependencies: [
                "ApusMacros",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusPasswordsTests",
            dependencies: [
                "ApusPasswords", "ApusCore", "ApusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["requirements.txt"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusJWTTests",
            dependencies: [
                "ApusJWT", "ApusCore", "ApusTesting",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["requirements.txt", "Interop/pyjwt_interop.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusMiddlewareTests",
            dependencies: [
                "ApusMiddleware", "ApusCore", "ApusTesting",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusStaticFilesTests",
            dependencies: [
                "ApusStaticFiles", "ApusCore", "ApusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["requirements.txt", "starlette_static.py", "starlette_static.json", "traversal_corpus.txt", "Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusTemplatesTests",
            dependencies: ["Apus", "ApusTemplates", "ApusTesting"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ApusWebSocketTests",
            dependencies: [
                "Apus", "ApusWebSocket", "ApusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "WSClient", package: "swift-websocket"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExampleServiceTests",
            dependencies: ["Apus", "ExampleService", "ApusTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)
