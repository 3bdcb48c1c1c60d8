// swift-tools-version: 6.2
import PackageDescription

// Benchmark servers, built in release by run.sh: a minimal Apus app and a raw SwiftNIO server doing the same
// work, so Apus's cost is reported as a ratio to the bare metal of the same machine in the same run.
let package = Package(
    name: "apus-http-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `apus` is a symlink to the repository root, so the package identity is "apus" wherever the clone lives.
        .package(path: "apus"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "RawNIOServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "ApusHTTPOnlyServer",
            dependencies: [
                .product(name: "ApusHTTP", package: "apus"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "ApusBenchServer",
            dependencies: [
                .product(name: "ApusCore", package: "apus"),
                .product(name: "ApusEndpoints", package: "apus"),
                .product(name: "ApusModels", package: "apus"),
            ]
        ),
    ]
)
