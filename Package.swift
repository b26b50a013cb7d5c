// swift-tools-version:6.1
// lenet-tui: LeNet-5 on MNIST, a pure-Swift CPU engine and an ncurses training dashboard.
// Targets are split by concern and import one way:
//   CZlib, CNCurses (system libraries)
//   LeNetFormats (every parser of outside bytes and writer of the program's files; CZlib only)
//   LeNetEngine (the numerics; no dependencies), MNISTData (the datasets; LeNetFormats, swift-crypto)
//   LeNetEngine, MNISTData <- LeNetTraining <- TerminalUI <- LeNetApp <- lenet-tui (executable: parsing only)
//   LeNetTraining also imports LeNetFormats.
import PackageDescription

/// Optimisation flags for the numeric code (the engine, and MNISTData and LeNetTraining, whose batch
/// normalisation and training loop sit next to it). Release: `-O -wmo`, which keeps Swift's overflow and
/// bounds checks: the engine's hot loops run on unsafe pointers already, and `-Ounchecked` measured no
/// faster (docs/DECISIONS.md, "Build flags"). Debug: `-O` too, because the engine's SIMD code unoptimised
/// is ~50x slower than the training tests can wait for.
/// On x86-64 both also get `-target-cpu native`: the engine's 16-lane SIMD kernels then use the build
/// machine's widest vectors and its fused multiply-add (`LENET_FMA`; measured here, AVX-512 Zen 4:
/// 37.8k vs 238 training images/s per thread without it, as LLVM calls libm's fmaf per lane for a fused
/// multiply-add the target lacks). Users build from source, so "native" is their own CPU. arm64 keeps
/// its default target, whose baseline has NEON and FMA; other architectures use multiply then add.
/// `LeNetFormats`, which reads the files a user may be handed, gets none of these: SwiftPM's defaults.
let engineSettings: [SwiftSetting] = {
    #if arch(x86_64)
    let cpu = ["-target-cpu", "native"]
    let fma: [SwiftSetting] = [.define("LENET_FMA")]
    #elseif arch(arm64)
    let cpu: [String] = []
    let fma: [SwiftSetting] = [.define("LENET_FMA")]
    #else
    let cpu: [String] = []
    let fma: [SwiftSetting] = []
    #endif
    return fma + [
        .unsafeFlags(["-O", "-wmo"] + cpu, .when(configuration: .release)),
        .unsafeFlags(["-O"] + cpu, .when(configuration: .debug)),
    ]
}()

let package = Package(
    name: "lenet-tui",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lenet-tui", targets: ["lenet-tui"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses",
                       providers: [.apt(["libncursesw5-dev"])]),
        // The bytes that come from outside: default, checked settings (no unsafe flags).
        .target(name: "LeNetFormats", dependencies: ["CZlib"]),
        .target(name: "LeNetEngine", swiftSettings: engineSettings),
        .target(name: "MNISTData",
                dependencies: ["LeNetFormats", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: engineSettings),
        .target(name: "LeNetTraining", dependencies: ["LeNetEngine", "LeNetFormats", "MNISTData"],
                swiftSettings: engineSettings),
        .target(name: "TerminalUI", dependencies: ["CNCurses", "LeNetFormats", "LeNetTraining"]),
        // Run setup, the session, signals, the dashboard's wiring, checkpoint and data lookup: everything
        // the commands do; the executable only parses arguments and calls it. SwiftPM's default settings.
        .target(name: "LeNetApp", dependencies: ["LeNetEngine", "LeNetFormats", "LeNetTraining", "TerminalUI", "MNISTData"]),
        .executableTarget(name: "lenet-tui",
                          dependencies: ["LeNetApp", "LeNetEngine", "LeNetFormats", "LeNetTraining", "MNISTData",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", dependencies: ["CZlib", "LeNetEngine", "LeNetFormats"], path: "Tests/TestSupport"),
        .testTarget(name: "LeNetEngineTests", dependencies: ["LeNetEngine", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LeNetFormatsTests", dependencies: ["LeNetFormats", "TestSupport"]),
        .testTarget(name: "MNISTDataTests", dependencies: ["LeNetFormats", "MNISTData", "TestSupport"]),
        .testTarget(name: "LeNetTrainingTests", dependencies: ["LeNetFormats", "LeNetTraining", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(name: "LeNetAppTests", dependencies: ["LeNetApp", "LeNetTraining", "TerminalUI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
