import ArgumentParser
import Foundation
import LeNetApp
import LeNetEngine
import LeNetFormats
import LeNetTraining

/// `lenet-tui bench`: training and inference throughput of the engine on MNIST.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and inference throughput (images/s, GFLOP/s) on MNIST.",
        usage: "lenet-tui bench [--threads <n>] [--batch-size <n>] [<options>]",
        discussion: """
        Trains with Adam (lr 1e-3) for 20 warm-up then --batches timed mini-batches, then classifies the \
        test set. GFLOP/s counts 2 FLOPs per multiply-add of the forward and backward passes (2,263,920 \
        per training image; `lenet-tui summary` shows them per layer). --ceiling also times a plain float32 \
        GEMM (--ceiling-size square matrices) on 1 and --threads threads and prints training GFLOP/s as a \
        percentage of it: how close the engine is to this machine's limit.

        Examples:
          lenet-tui bench
          lenet-tui bench --threads 2 --batch-size 64 --batches 500 --json
          lenet-tui bench --ceiling
        """)

    // `.unconditional`: a negative number reaches the range checks instead of reading as a missing value.
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: ArgumentHelp("Mini-batch size (1 to 60000).", valueName: "n"))
    var batchSize = 64

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Worker threads (0 = all processors).", valueName: "n"))
    var threads = 0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Timed training mini-batches, 1 or more (after 20 warm-up ones).", valueName: "n"))
    var batches = 300

    @Option(name: .long, help: ArgumentHelp("Directory holding the MNIST IDX files (default: the bundled assets/mnist, or $LENET_DATA).", valueName: "dir"))
    var data: String?

    @Flag(name: .long, help: "Print one JSON object instead of readable lines.")
    var json = false

    @Flag(name: .long, help: "Also time a float32 GEMM on 1 and --threads threads; training GFLOP/s as a percentage of it.")
    var ceiling = false

    @Option(name: .customLong("ceiling-size"), parsing: .unconditional, help: ArgumentHelp("Side of --ceiling's square matrices (16 to 8192).", valueName: "n"))
    var ceilingSize = GEMMCeiling.defaultSize

    func run() throws {
        try reportingErrors {
            guard batchSize >= 1, batchSize <= ConfigRules.maxBatchSize else {
                throw BenchOptionError(option: "--batch-size", problem: "must be 1 to \(ConfigRules.maxBatchSize), got \(batchSize)")
            }
            guard threads >= 0 else { throw BenchOptionError(option: "--threads", problem: "must be 0 (all processors) or more, got \(threads)") }
            guard batches >= 1 else { throw BenchOptionError(option: "--batches", problem: "must be 1 or more, got \(batches)") }
            guard (16...8192).contains(ceilingSize) else {
                throw BenchOptionError(option: "--ceiling-size", problem: "must be 16 to 8192, got \(ceilingSize)")
            }
            try checkPathFlags([("--data", self.data)])
            let data = try Session.loadData(self.data)
            let threadCount = threads == 0 ? WorkerPool.processors : threads
            let r = Benchmark.run(train: data.train, test: data.test, normalization: data.normalization,
                                  batchSize: batchSize, threads: threadCount, batches: batches)
            let gemm = ceiling ? GEMMCeiling.measure(size: ceilingSize, threads: r.threads) : nil
            if json {
                try printLine(JSONValue.object([
                    ("train_images_per_second", .fixed(r.trainImagesPerSecond, digits: 1)),
                    ("inference_images_per_second", .fixed(r.inferenceImagesPerSecond, digits: 1)),
                    ("gflops", .fixed(r.gflops, digits: 3)),
                    ("training_flops_per_image", .int(r.trainingFLOPsPerImage)),
                    ("threads", .int(r.threads)),
                    ("batch_size", .int(r.batchSize)),
                    ("train_batches", .int(r.trainBatches)),
                    ("train_seconds", .fixed(r.trainSeconds, digits: 4)),
                    ("inference_seconds", .fixed(r.inferenceSeconds, digits: 4)),
                    ("pad_latency_us", .fixed(r.padLatencyMicroseconds, digits: 1)),
                    ("test_accuracy", .fixed(r.testAccuracy, digits: 4)),
                    ("peak_rss_bytes", .int(r.peakRSSBytes)),
                    ("kernels", .string(KernelFamily.current.description)),
                ] + (gemm?.jsonMembers(trainingGFLOPS: r.gflops, trainingThreads: r.threads) ?? [])).serialized(.spaced))
            } else {
                let perSecond = { (value: Double) in ReportFormat.grouped(Int(value.rounded())) }
                try printLine("training:   \(perSecond(r.trainImagesPerSecond)) images/s "
                    + "(\(ReportFormat.counted(r.trainBatches, "mini-batch", plural: "mini-batches")) in \(fixed(r.trainSeconds, 3)) s)")
                try printLine("inference:  \(perSecond(r.inferenceImagesPerSecond)) images/s "
                    + "(\(ReportFormat.grouped(data.test.count)) test images in \(fixed(r.inferenceSeconds, 3)) s; "
                    + "accuracy \(fixed(100 * r.testAccuracy, 2))% after the timed mini-batches, a sanity check)")
                try printLine("draw pad:   \(fixed(r.padLatencyMicroseconds, 1)) µs to classify one image (median of \(Benchmark.padRepetitions))")
                try printLine("compute:    \(fixed(r.gflops, 2)) GFLOP/s "
                    + "(\(ReportFormat.grouped(r.trainingFLOPsPerImage)) FLOPs per training image, forward + backward)")
                try printLine("kernels:    \(KernelFamily.current)")
                try printLine("threads:    \(r.threads)" + (r.threads < threadCount
                    ? " (\(threadCount) asked for; this machine runs \(WorkerPool.processors) at once)" : ""))
                try printLine("batch size: \(r.batchSize)")
                try printLine("peak RSS:   \(ReportFormat.grouped(r.peakRSSBytes)) bytes (\(fixed(Double(r.peakRSSBytes) / 1_048_576, 1)) MiB)")
                for line in gemm?.lines(trainingGFLOPS: r.gflops, trainingThreads: r.threads) ?? [] { try printLine(line) }
            }
        }
    }

    private func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A bad `bench` option value, reported as `--option must be ..., got ...`.
struct BenchOptionError: Error, CustomStringConvertible {
    let option: String
    let problem: String
    var description: String { "\(option) \(problem)" }
}
