// swift-tools-version: 6.1
import PackageDescription

// Supported: Linux with glibc, built and tested on Debian 12 (x86-64). macOS is
// not claimed: nothing here is built or tested there, and the command line's
// tests and the tuning of memory (glibc's malloc settings, huge pages) are
// written for Linux.
let package = Package(
    name: "trustgraph",
    products: [
        .library(name: "TrustGraphCore", targets: ["TrustGraphCore"]),
        .library(name: "TrustGraphGraphviz", targets: ["TrustGraphGraphviz"]),
        .library(name: "TrustGraphReport", targets: ["TrustGraphReport"]),
        .executable(name: "trustgraph", targets: ["trustgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "TrustGraphCore",
            dependencies: ["CFastPaths", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "CFastPaths"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(
            name: "TrustGraphGraphviz",
            dependencies: ["TrustGraphCore", "CGraphviz"]
        ),
        .target(
            name: "TrustGraphReport",
            dependencies: ["TrustGraphCore", "TrustGraphGraphviz"]
        ),
        .executableTarget(
            name: "trustgraph",
            dependencies: [
                "TrustGraphCore",
                "TrustGraphGraphviz",
                "TrustGraphReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers the test targets share (temporary directories removed at exit).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "TrustGraphCoreTests",
            dependencies: ["TrustGraphCore", "CZlib", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TrustGraphGraphvizTests",
            dependencies: ["TrustGraphGraphviz", "TrustGraphCore"]
        ),
        .testTarget(
            name: "TrustGraphReportTests",
            dependencies: ["TrustGraphReport", "TrustGraphGraphviz", "TrustGraphCore"]
        ),
        .testTarget(
            name: "TrustGraphCLITests",
            dependencies: [
                "trustgraph",
                "TrustGraphCore",
                "TestSupport",
            ],
            // Read from the source tree (the SARIF schema the check output is validated against).
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
