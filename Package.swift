// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "fireworks-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fireworks-mock", targets: ["fireworks-mock"]),
        // The mock inside a Swift test process: start, script, read the journal and verdicts, stop.
        .library(name: "FireworksMockTesting", targets: ["FireworksMockTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Already required by swift-certificates; named here because PEM documents are its types.
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // Already required by swift-nio; POSIX calls with named errno values.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // The upstream of `--upstream`: HTTP/1.1 and HTTPS with the system's trust store, proxies, streaming bodies.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure wire knowledge: JSON, request validation, errors, SSE encoding, token counting. No NIO.
        .target(
            name: "MessagesAPI",
            swiftSettings: swiftSettings
        ),
        // Decides what to answer: scripts (files, matching, sequences), echo replies, the response plan. No NIO.
        .target(
            name: "MockEngine",
            dependencies: [
                "MessagesAPI",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // Executes plans on the wire: SwiftNIO server, connection loop, router, response writer.
        .target(
            name: "MockServer",
            dependencies: [
                "MessagesAPI",
                "MockEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTPS: PEM loading with clear errors, the self-signed authority for tests, the server's TLS context.
        .target(
            name: "MockTLS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: serve, healthcheck; settings from flags, environment and defaults.
        .target(
            name: "MockCLI",
            dependencies: [
                "MockServer",
                "MockEngine",
                "MessagesAPI",
                "MockTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // In-process use from Swift Testing or XCTest: FireworksMock.start(), baseURL, addScript, journal, stop.
        .target(
            name: "FireworksMockTesting",
            dependencies: [
                "MockServer",
                "MockEngine",
                "MessagesAPI",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fireworks-mock",
            dependencies: ["MockCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessagesAPITests",
            dependencies: ["MessagesAPI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockEngineTests",
            dependencies: ["MockEngine", "MessagesAPI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "FireworksMockTesting",
                "MockServer",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "MockCLI",
                "MockEngine",
                "MessagesAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                "MockTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockTLSTests",
            dependencies: [
                "MockTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// Coverage-guided fuzz targets (libFuzzer), declared only when FIREWORKS_MOCK_FUZZ=1 so that ordinary builds and
// `swift build --build-tests` never see them. scripts/fuzz.sh builds and runs them; Tests/Fuzz/README.md says how.
if Context.environment["FIREWORKS_MOCK_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzJSON", ["MessagesAPI"]),
        ("FuzzRequest", ["MessagesAPI", "MockEngine"]),
        ("FuzzYAML", ["MessagesAPI", "MockEngine"]),
        ("FuzzScripts", ["MessagesAPI", "MockEngine"]),
        ("FuzzFaultSyntax", ["MessagesAPI", "MockEngine"]),
        ("FuzzQueryString", ["MessagesAPI", "MockEngine"]),
        (
            "FuzzHTTP",
            [
                "MessagesAPI", "MockEngine", "MockServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name,
                dependencies: target.dependencies,
                path: "Tests/Fuzz/\(target.name)",
                // libFuzzer supplies `main`; the target only exports LLVMFuzzerTestOneInput.
                swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]
            ))
    }
}
