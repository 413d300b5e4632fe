// swift-tools-version: 6.2
import PackageDescription

// The benchmark ceiling: a bare SwiftNIO server answering every request with the same small JSON. It shows
// what the event loop, the socket layer and NIO's request decoder cost alone, so that the mock's figures can
// be read as a ratio to it. Kept as its own package so the mock's manifest stays free of bench-only targets.
let package = Package(
    name: "ceiling",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2")
    ],
    targets: [
        .executableTarget(
            name: "ceiling-server",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
