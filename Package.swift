// swift-tools-version: 6.0
// VanBan: Decree 30/2020 administrative documents from JSON to PDF with Pango and Cairo.
import PackageDescription

/// One set of compiler settings for every target (Swift 6 mode is implied by the tools version).
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// How the executables are linked on Linux (#14, cold start), measured on a one-document `vanban render`:
/// - `lld` with `-z pack-relative-relocs` (DT_RELR, glibc 2.36+): the 130,000 relative relocations of the
///   statically linked Swift runtime and Foundation shrink from a 3 MB table to 25 KB, read at every start;
/// - `--no-export-dynamic`: `-static-stdlib` exports every Swift symbol of the package (45,000) to the
///   dynamic symbol table, so each of the 40 shared libraries' symbol lookups searched it first.
/// Together −1.6 ms per process (`vanban --version` 11.3 → 9.7 ms), the executable stays position-independent.
let executableLinking: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                  "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
]

let package = Package(
    name: "VanBan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vanban", targets: ["vanban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // Already in Hummingbird's graph; named here for the connection guard's channel handler.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        // CSV records one at a time with their exact field counts (batch CSV input).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // SHA-256 for the batch --resume fingerprints.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        // The service's metrics: recorded through swift-metrics, exposed in the Prometheus text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The outgoing register (issue 12): SQLite by default (vendored, no system library), PostgreSQL when shared.
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in postgres-nio's graph; named for the register's sslmode=require connections.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        // The C libraries, found through pkg-config (Debian: libpango1.0-dev, libcairo2-dev).
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev"])]),
        // Payload, diagnostics, units and Vietnamese formatting. Foundation only.
        .target(name: "VanBanModel", swiftSettings: settings),
        // Bundled fonts, Pango shaping and line breaking. The only module besides VanBanRender that touches C.
        .target(name: "VanBanText", dependencies: ["VanBanModel", "CPangoCairo"], swiftSettings: settings),
        // Layout definitions and the engine: payload + layout → pages of positioned plain values.
        .target(name: "VanBanLayout", dependencies: ["VanBanModel", "VanBanText"], swiftSettings: settings),
        // Cairo: pages → PDF / PNG bytes.
        .target(name: "VanBanRender", dependencies: ["VanBanLayout", "VanBanText", "CPangoCairo"], swiftSettings: settings),
        // Signing preparation on PDF bytes (incremental update). Foundation, and swift-crypto's MD5 for the /ID.
        .target(name: "VanBanSign", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: settings),
        // The one façade the CLI and the service call.
        .target(name: "VanBanPipeline",
                dependencies: ["VanBanModel", "VanBanText", "VanBanLayout", "VanBanRender", "VanBanSign",
                               .product(name: "CSV", package: "CSV.swift"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: settings),
        // The register of outgoing documents (sổ đăng ký văn bản đi) and issuing: number and date stamped after signing.
        .target(name: "VanBanRegister",
                dependencies: ["VanBanPipeline", "VanBanSign", "VanBanModel",
                               .product(name: "SQLiteNIO", package: "sqlite-nio"),
                               .product(name: "PostgresNIO", package: "postgres-nio"),
                               .product(name: "NIOSSL", package: "swift-nio-ssl"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: settings),
        // The HTTP service: the same pipeline over Hummingbird 2.
        .target(
            name: "VanBanServer",
            dependencies: ["VanBanPipeline", "VanBanModel", "VanBanRegister",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                           .product(name: "CoreMetrics", package: "swift-metrics"),
                           .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: settings),
        .executableTarget(
            name: "vanban",
            dependencies: ["VanBanPipeline", "VanBanServer", "VanBanRegister", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: settings, linkerSettings: executableLinking),
        // Synchronous benchmark driver (`make bench`): valgrind cannot run the async CLI.
        .executableTarget(name: "vanban-bench", dependencies: ["VanBanPipeline"], swiftSettings: settings,
                         linkerSettings: executableLinking),
        .testTarget(name: "VanBanModelTests", dependencies: ["VanBanModel"], swiftSettings: settings),
        .testTarget(name: "VanBanLayoutTests", dependencies: ["VanBanPipeline", "VanBanLayout", "VanBanRender"], swiftSettings: settings),
        .testTarget(name: "VanBanSignTests", dependencies: ["VanBanSign"], swiftSettings: settings),
        .testTarget(name: "VanBanPipelineTests", dependencies: ["VanBanPipeline", "VanBanModel"], swiftSettings: settings),
        .testTarget(name: "VanBanEndToEndTests", dependencies: ["VanBanPipeline"], swiftSettings: settings),
        .testTarget(name: "VanBanRegisterTests", dependencies: ["VanBanRegister", "VanBanSign"], swiftSettings: settings),
        .testTarget(name: "VanBanCLITests", dependencies: ["vanban"], swiftSettings: settings),
        .testTarget(name: "VanBanServerTests",
                    dependencies: ["VanBanServer", .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: settings),
    ]
)
