// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `swift build` and `swift test`
// at the top level never build the benchmark harness.
let package = Package(
    name: "trustgraph-benchmarks",
    dependencies: [
        .package(name: "trustgraph", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "TrustGraphBenchmarks",
            dependencies: [
                .product(name: "TrustGraphCore", package: "trustgraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "TrustGraphBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "csv-parsers",
            dependencies: [.product(name: "CSV", package: "CSV.swift"), .product(name: "TrustGraphCore", package: "trustgraph")],
            path: "CSVParsers"
        ),
        .executableTarget(
            name: "trustgraph-timing",
            dependencies: [.product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Timing"
        ),
    ],
    swiftLanguageModes: [.v6]
)
