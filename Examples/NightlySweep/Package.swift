// swift-tools-version: 6.1
import PackageDescription

// A small program against the TrustGraphCore library: see docs/scripting.md.
let package = Package(
    name: "nightly-sweep",
    dependencies: [.package(name: "trustgraph", path: "../..")],
    targets: [
        .executableTarget(
            name: "nightly-sweep",
            dependencies: [.product(name: "TrustGraphCore", package: "trustgraph")],
            path: "Sources"
        ),
    ],
    swiftLanguageModes: [.v6]
)
