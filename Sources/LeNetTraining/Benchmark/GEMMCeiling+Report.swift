import LeNetFormats

// MARK: - How bench prints the ceiling

extension GEMMCeiling {
    /// `bench --ceiling`'s readable lines, given the training figure of the same run:
    /// ```
    /// ceiling:    float32 GEMM 2048x2048x2048: 80.10 GFLOP/s on 1 thread, 150.20 GFLOP/s on 2 threads
    ///             training 63.40 GFLOP/s = 42.2% of the 2-thread GEMM
    /// ```
    public func lines(trainingGFLOPS: Double, trainingThreads: Int) -> [String] {
        let shape = "\(size)x\(size)x\(size)"
        let multi = threads == 1 ? "" : ", \(ReportFormat.fixed(multiThreadGFLOPS, 2)) GFLOP/s on \(threads) threads"
        let reference = trainingThreads == 1 ? "1-thread" : "\(threads)-thread"
        let percentage = ReportFormat.fixed(percent(ofTraining: trainingGFLOPS, threads: trainingThreads), 1)
        return [
            "ceiling:    float32 GEMM \(shape): \(ReportFormat.fixed(singleThreadGFLOPS, 2)) GFLOP/s on 1 thread\(multi)",
            "            training \(ReportFormat.fixed(trainingGFLOPS, 2)) GFLOP/s = \(percentage)% of the \(reference) GEMM",
        ]
    }

    /// `bench --ceiling --json`'s members: `gemm_size`, `gemm_gflops_1_thread`, `gemm_threads`,
    /// `gemm_gflops` (on `gemm_threads`) and `training_percent_of_gemm` (at the training's thread count).
    public func jsonMembers(trainingGFLOPS: Double, trainingThreads: Int) -> [(String, JSONValue)] {
        [
            ("gemm_size", .int(size)),
            ("gemm_gflops_1_thread", .fixed(singleThreadGFLOPS, digits: 3)),
            ("gemm_threads", .int(threads)),
            ("gemm_gflops", .fixed(multiThreadGFLOPS, digits: 3)),
            ("training_percent_of_gemm", .fixed(percent(ofTraining: trainingGFLOPS, threads: trainingThreads), digits: 1)),
        ]
    }
}
