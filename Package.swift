// swift-tools-version:6.1
// lenet-tui: LeNet-5 on MNIST, a pure-Swift CPU engine and an ncurses training dashboard.
// Targets are split by concern and import one way:
//   CZlib, CNCurses (system libraries)
//   LeNetFormats (every parser of outside bytes and writer of the program's files; CZlib only)
//   LeNetEngine (the numerics; no dependencies), MNISTData (the datasets; LeNetFormats, swift-crypto)
//   LeNetEngine, MNISTData <- LeNetTraining <- TerminalUI <- LeNetApp <- lenet-tui (executable: parsing only)
//   LeNetTraining also imports LeNetFormats.
import PackageDescription

import Foundation

/// The CPU the numeric code is compiled for: `LENET_TARGET_CPU` (an LLVM CPU name such as `x86-64-v3`,
/// `x86-64-v4`, `znver3`), default `native`, the build machine (users build from source, so that is their
/// own CPU). Set it to build for another machine, e.g. an AVX2-only binary on an AVX-512 one:
/// `LENET_TARGET_CPU=x86-64-v3 swift build -c release --scratch-path .build-avx2`.
/// The psABI levels are spelled as CPUs with exactly their features, as Swift's clang importer knows no
/// `x86-64-v2` to `x86-64-v4`: `x86-64-v2` (SSE4.2, POPCNT) is `nehalem`, `x86-64-v3` (AVX2, FMA, BMI2) is
/// `haswell`, `x86-64-v4` (AVX-512 F/BW/CD/DQ/VL) is `skylake-avx512`.
/// LLVM's CPU names are lower case: the value is lowered, so `Znver4` builds as `znver4` (the kernel family
/// below is looked up lowered too); an unknown name stops the build with the compiler's list of names.
let targetCPU: String = {
    let value = (Context.environment["LENET_TARGET_CPU"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    switch value {
    case "": return "native"
    case "x86-64-v2": return "nehalem"
    case "x86-64-v3": return "haswell"
    case "x86-64-v4": return "skylake-avx512"
    default: return value
    }
}()

/// The engine's kernel family, chosen from the target CPU (docs/DECISIONS.md, "Kernel families"):
/// `LENET_AVX512` (16 lanes, 32 vector registers), `LENET_AVX2` (8 lanes, 16 registers, with FMA),
/// `LENET_NEON` (arm64: 4 lanes, 32 registers), none: portable 4-lane kernels without fused
/// multiply-add. For `native` on x86-64 the build machine's `/proc/cpuinfo` flags decide
/// (`avx512f` + `avx512vl`; else `avx2` + `fma`); a named CPU is looked up in the lists below (Knights
/// Landing/Mill have AVX-512F without VL, so they get the AVX2 family, as `native` would give them).
let kernelFamily: String = {
    #if arch(arm64)
    return "LENET_NEON"
    #elseif arch(x86_64)
    let cpu = targetCPU.lowercased()
    if cpu == "native" {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flagLine = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagLine.split(separator: " ").map(String.init))
        if flags.contains("avx512f") && flags.contains("avx512vl") { return "LENET_AVX512" }
        if flags.contains("avx2") && flags.contains("fma") { return "LENET_AVX2" }
        #if os(macOS)
        return "LENET_AVX2"  // no /proc/cpuinfo; every x86 Mac since 2013 has AVX2 and FMA
        #else
        return ""
        #endif
    }
    let avx512 = ["x86-64-v4", "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client",
                  "icelake-server", "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids",
                  "graniterapids", "graniterapids-d", "diamondrapids", "skx", "znver4", "znver5"]
    let avx2 = ["x86-64-v3", "haswell", "broadwell", "skylake", "alderlake", "raptorlake", "meteorlake",
                "arrowlake", "arrowlake-s", "lunarlake", "pantherlake", "gracemont", "sierraforest", "grandridge",
                "clearwaterforest", "core-avx2", "knl", "knm", "znver1", "znver2", "znver3", "bdver4"]
    if avx512.contains(cpu) { return "LENET_AVX512" }
    if avx2.contains(cpu) { return "LENET_AVX2" }
    return ""
    #else
    return ""
    #endif
}()

/// Optimisation flags for the numeric code (the engine, and MNISTData and LeNetTraining, whose batch
/// normalisation and training loop sit next to it). Release: `-O -wmo`, which keeps Swift's overflow and
/// bounds checks: the engine's hot loops run on unsafe pointers already, and `-Ounchecked` measured no
/// faster (docs/DECISIONS.md, "Build flags"). Debug: `-O` too, because the engine's SIMD code unoptimised
/// is ~50x slower than the training tests can wait for.
/// On x86-64 both also get `-target-cpu` `targetCPU` (default native) and the kernel family's define; the
/// families with fused multiply-add also get `LENET_FMA` (measured here, AVX-512 Zen 4: 37.8k vs 238
/// training images/s per thread without it, as LLVM calls libm's fmaf per lane for a fused multiply-add
/// the target lacks). arm64 keeps its default target (its baseline has NEON and FMA) unless
/// `LENET_TARGET_CPU` names one; other architectures use multiply then add.
/// `LeNetFormats`, which reads the files a user may be handed, gets none of these: SwiftPM's defaults.
let engineSettings: [SwiftSetting] = {
    #if arch(x86_64)
    let cpu = ["-target-cpu", targetCPU]
    #elseif arch(arm64)
    let cpu: [String] = Context.environment["LENET_TARGET_CPU"] == nil ? [] : ["-target-cpu", targetCPU]
    #else
    let cpu: [String] = []
    #endif
    let family: [SwiftSetting] = kernelFamily.isEmpty ? [] : [.define(kernelFamily), .define("LENET_FMA")]
    return family + [
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
