import Foundation
import LeNetEngine
import Testing

/// The build's kernel family (Package.swift chooses it from `LENET_TARGET_CPU`, default the build
/// machine): one of the four families with its lanes and registers, and on the machine that builds the
/// tests with the default target, the family its CPU flags call for.
@Suite struct KernelFamilyTests {
    @Test func descriptionIsTheNameAndTheLanes() {
        let family = KernelFamily.current
        #expect(family.description == "\(family.name) \(family.lanes)-lane")
    }

    @Test func lanesAndRegistersAreTheFamilys() throws {
        let family = KernelFamily.current
        let families: [String: (lanes: Int, registers: Int, fused: Bool)] = [
            "avx512": (16, 32, true), "avx2": (8, 16, true), "neon": (4, 32, true), "portable": (4, 16, false),
        ]
        let expected = try #require(families[family.name], "unknown family \(family.name)")
        #expect(family.lanes == expected.lanes)
        #expect(family.registers == expected.registers)
        #expect(family.fusedMultiplyAdd == expected.fused)
        #if arch(arm64)
        #expect(family.name == "neon")
        #endif
    }

    /// With the default target (`native`), the family follows the CPU flags of this machine, which both
    /// built and runs the tests. The test reads `LENET_TARGET_CPU` when it runs, so run it with the value
    /// the build had (`swift test` passes its environment on).
    @Test func nativeBuildFollowsTheCPUFlags() throws {
        #if arch(x86_64) && os(Linux)
        let target = ProcessInfo.processInfo.environment["LENET_TARGET_CPU"] ?? ""
        guard target.isEmpty || target == "native" else { return }
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(line.split(separator: " ").map(String.init))
        let expected = flags.isSuperset(of: ["avx512f", "avx512vl"]) ? "avx512 16-lane"
            : flags.isSuperset(of: ["avx2", "fma"]) ? "avx2 8-lane" : "portable 4-lane"
        #expect(KernelFamily.current.description == expected)
        #endif
    }
}
