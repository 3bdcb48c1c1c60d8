// swift-tools-version: 6.2
import PackageDescription

// Decode-and-validate and encode throughput of ApusModels against Foundation's JSONDecoder/JSONEncoder on the
// same types, built in release by run.sh; and the cost of hostile JSON shapes per MiB, by run-hostile.sh.
// Plain harnesses, not tests.
let package = Package(
    name: "apus-models-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `apus` is a symlink to the repository root, so the package identity is "apus" wherever the clone lives.
        .package(path: "apus")
    ],
    targets: [
        .executableTarget(
            name: "ModelsBenchmark",
            dependencies: [.product(name: "ApusModels", package: "apus")]
        ),
        .executableTarget(
            name: "HostileJSONBenchmark",
            dependencies: [.product(name: "ApusModels", package: "apus")]
        ),
    ]
)
