// swift-tools-version: 6.2
import PackageDescription

// The benchmark ceiling: a bare SwiftNIO server that answers every request with the same small JSON. It
// shows what the event loop and socket layer cost alone, so the mock's figures can be read as a ratio.
let package = Package(
    name: "ceiling",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.101.2")],
    targets: [
        .executableTarget(
            name: "ceiling-server",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        )
    ]
)
