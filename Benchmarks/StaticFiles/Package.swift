// swift-tools-version: 6.2
import PackageDescription

// Static files against nginx, built in release by run.sh: one Apus server that mounts a directory with
// ApusStaticFiles, measured beside nginx serving the same directory.
let package = Package(
    name: "apus-static-files-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `apus` is a symlink to the repository root, so the package identity is "apus" wherever the clone lives.
        .package(path: "apus")
    ],
    targets: [
        .executableTarget(
            name: "StaticFilesBenchServer",
            dependencies: [
                .product(name: "ApusCore", package: "apus"),
                .product(name: "ApusStaticFiles", package: "apus"),
            ]
        )
    ]
)
