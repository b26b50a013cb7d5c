import Testing
import LeNetFormats
@testable import LeNetTraining

/// `bench --ceiling`'s figures and how they are printed.
@Suite struct GEMMCeilingTests {
    static let ceiling = GEMMCeiling(size: 2048, singleThreadGFLOPS: 80.1, threads: 2, multiThreadGFLOPS: 150.2,
                                     repetitions: 3)

    @Test func percentageAgainstTheGEMMOfTheSameThreadCount() {
        #expect(Self.ceiling.percent(ofTraining: 75.1, threads: 2) == 50)
        #expect(Self.ceiling.percent(ofTraining: 40.05, threads: 1) == 50)
        let zero = GEMMCeiling(size: 16, singleThreadGFLOPS: 0, threads: 1, multiThreadGFLOPS: 0, repetitions: 1)
        #expect(zero.percent(ofTraining: 10, threads: 1) == 0)
    }

    @Test func readableLines() {
        #expect(Self.ceiling.lines(trainingGFLOPS: 63.4, trainingThreads: 2) == [
            "ceiling:    float32 GEMM 2048x2048x2048: 80.10 GFLOP/s on 1 thread, 150.20 GFLOP/s on 2 threads",
            "            training 63.40 GFLOP/s = 42.2% of the 2-thread GEMM",
        ])
        let single = GEMMCeiling(size: 512, singleThreadGFLOPS: 70, threads: 1, multiThreadGFLOPS: 70, repetitions: 3)
        #expect(single.lines(trainingGFLOPS: 35, trainingThreads: 1) == [
            "ceiling:    float32 GEMM 512x512x512: 70.00 GFLOP/s on 1 thread",
            "            training 35.00 GFLOP/s = 50.0% of the 1-thread GEMM",
        ])
    }

    @Test func jsonMembers() {
        let json = JSONValue.object(Self.ceiling.jsonMembers(trainingGFLOPS: 63.4, trainingThreads: 2)).serialized(.spaced)
        #expect(json == #"{"gemm_size": 2048, "gemm_gflops_1_thread": 80.100, "gemm_threads": 2, "gemm_gflops": 150.200, "#
            + #""training_percent_of_gemm": 42.2}"#)
    }

    @Test func measuresBothThreadCounts() {
        let measured = GEMMCeiling.measure(size: 48, threads: 2, repetitions: 1)
        #expect(measured.size == 48 && measured.threads == 2 && measured.repetitions == 1)
        #expect(measured.singleThreadGFLOPS > 0 && measured.singleThreadGFLOPS.isFinite)
        #expect(measured.multiThreadGFLOPS > 0 && measured.multiThreadGFLOPS.isFinite)
        let one = GEMMCeiling.measure(size: 20, threads: 1, repetitions: 1)
        #expect(one.multiThreadGFLOPS == one.singleThreadGFLOPS)
    }
}
