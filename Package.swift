// swift-tools-version:6.1
// lenet-tui: LeNet-5 on MNIST, a pure-Swift CPU engine and an ncurses training dashboard.
// Targets are split by concern and import one way:
//   CZlib, CNCurses (system libraries)
//   LeNetEngine  <- MNISTData <- LeNetTraining <- TerminalUI <- lenet-tui (executable)
import PackageDescription

/// Release-only optimisation flags for the numeric code. `-Ounchecked` drops overflow and bounds traps
/// in the hot loops (the reference kernels are still tested in debug builds with every check on).
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

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
        .target(name: "LeNetEngine", swiftSettings: engineSettings),
        .target(name: "MNISTData",
                dependencies: ["CZlib", "LeNetEngine",
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: engineSettings),
        .target(name: "LeNetTraining", dependencies: ["LeNetEngine", "MNISTData"],
                swiftSettings: engineSettings),
        .target(name: "TerminalUI", dependencies: ["CNCurses", "LeNetTraining"]),
        .executableTarget(name: "lenet-tui",
                          dependencies: ["LeNetTraining", "TerminalUI", "MNISTData",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", dependencies: ["LeNetEngine"], path: "Tests/TestSupport"),
        .testTarget(name: "LeNetEngineTests", dependencies: ["LeNetEngine", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MNISTDataTests", dependencies: ["MNISTData", "TestSupport"]),
        .testTarget(name: "LeNetTrainingTests", dependencies: ["LeNetTraining", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
