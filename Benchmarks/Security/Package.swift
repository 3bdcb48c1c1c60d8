// swift-tools-version: 6.2
import PackageDescription

// The cost of security, built in release by run.sh: one Apus server with the same GET unprotected, behind HS256
// bearer verification, and behind CORS + GZip + security headers, so each is reported as a ratio to the
// unprotected GET measured in the same run.
let package = Package(
    name: "apus-security-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `apus` is a symlink to the repository root, so the package identity is "apus" wherever the clone lives.
        .package(path: "apus")
    ],
    targets: [
        .executableTarget(
            name: "SecurityBenchServer",
            dependencies: [
                .product(name: "ApusCore", package: "apus"),
                .product(name: "ApusEndpoints", package: "apus"),
                .product(name: "ApusSecurity", package: "apus"),
                .product(name: "ApusJWT", package: "apus"),
                .product(name: "ApusMiddleware", package: "apus"),
            ]
        )
    ]
)
