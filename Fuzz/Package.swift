// swift-tools-version: 6.0
import PackageDescription

// Fuzz targets live in their own package: they are built only with libFuzzer's
// instrumentation (see `make fuzz`), never by `swift build` or `swift test` at the top.
let package = Package(
    name: "trustgraph-fuzz",
    dependencies: [
        .package(name: "trustgraph", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Support"),
        .executableTarget(
            name: "fuzz-suppliers",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Targets/fuzz-suppliers"
        ),
        .executableTarget(
            name: "fuzz-dependencies",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Targets/fuzz-dependencies"
        ),
        .executableTarget(
            name: "fuzz-scenarios",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Targets/fuzz-scenarios"
        ),
        .executableTarget(
            name: "fuzz-policy",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Targets/fuzz-policy"
        ),
        .executableTarget(
            name: "fuzz-import",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Targets/fuzz-import"
        ),
        .executableTarget(
            name: "fuzz-dot",
            dependencies: ["FuzzSupport", .product(name: "TrustGraphGraphviz", package: "trustgraph")],
            path: "Targets/fuzz-dot"
        ),
    ],
    swiftLanguageModes: [.v6]
)
