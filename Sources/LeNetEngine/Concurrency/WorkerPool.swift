import Dispatch
import Foundation
import Synchronization

// MARK: - Worker pool

/// A fixed team of threads that runs fork-join jobs for one owner thread: `run(tasks:_:)` hands out task
/// indices to the owner and `threads − 1` pool threads, and returns once every task is done.
///
/// Why not `DispatchQueue.concurrentPerform`: a training step is 1-2 ms and forks five times (packing the
/// weights, the chunks, the gradient sum, the unpacking, the optimiser). Each `concurrentPerform` woke a
/// sleeping libdispatch thread, which took 20-45 µs on the development machine, so the phases of a step
/// paid that latency five times (docs/DECISIONS.md, "Worker pool"). Pool threads instead spin on an atomic
/// for `spinNanoseconds` after each job before they block on a semaphore, so the next job of the same
/// step starts in well under a microsecond, while an idle model (training paused, a dashboard waiting for
/// keys) costs no CPU once that spin has run out.
///
/// Tasks are claimed from a shared counter, so a thread that wakes late leaves its tasks to the others;
/// which thread runs a task never changes what the task computes (each task writes only its own part), so
/// results are the same for any thread count and any timing.
///
/// Owned by one thread at a time (like `LeNet5Model`); `run` must not be called from inside a task. Both
/// are checked: a second `run` while one is in progress stops the process (`run`'s precondition).
public final class WorkerPool {
    /// Threads that run tasks: the owner plus `threads − 1` pool threads; at most the processors this
    /// process may run on (`processors`), as more would only take turns on them.
    public let threads: Int
    private let core: WorkerPoolCore

    /// How long a pool thread keeps spinning for the next job before it sleeps (nanoseconds).
    public static let spinNanoseconds: UInt64 = 300_000

    /// Starts `min(threads, processors) − 1` pool threads (none for one thread or one processor).
    /// - Precondition: `threads >= 1`.
    public init(threads: Int) {
        precondition(threads >= 1, "threads must be at least 1")
        self.threads = min(threads, Self.processors)
        core = WorkerPoolCore(workers: self.threads - 1)
        for participant in 1 ..< self.threads {
            let core = self.core
            let thread = Thread {
                Self.nameCurrentThread("lenet-worker-\(participant)")   // as `top -H` and debuggers show it
                core.workerLoop(participant: participant)
            }
            thread.start()
        }
    }

    deinit { core.stop() }

    /// Names the calling thread (at most 15 bytes on Linux). On Linux the name is written to
    /// /proc/thread-self/comm: Foundation's `Thread.name` setter applies a name only when the thread's
    /// handle is already stored, which `Thread.start()` does after the thread may have begun, so some
    /// pool threads kept their creator's name (and the setter read that handle while `start()` wrote it).
    static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        _ = Array(name.utf8.prefix(15)).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        #else
        Thread.current.name = name
        #endif
    }

    /// `pool.run(tasks:_:)`, or with no pool every task in order on this thread (participant 0): for
    /// loaders whose callers may or may not have a model's pool to lend.
    public static func run(on pool: WorkerPool?, tasks: Int, _ body: (_ task: Int, _ participant: Int) -> Void) {
        if let pool { pool.run(tasks: tasks, body) } else { for task in 0..<tasks { body(task, 0) } }
    }

    /// The threads a requested count runs on, as `--threads` and the config's `threads` mean it: 0 is
    /// every processor, and no request gets more than `processors`.
    public static func threads(forRequest requested: Int) -> Int {
        requested > 0 ? min(requested, processors) : processors
    }

    /// The processors this process may run on (at least 1, at most 256): `ProcessInfo.activeProcessorCount`,
    /// and on Linux at most the CPUs of the process's affinity mask (`taskset`, `docker --cpuset-cpus`,
    /// `numactl`), which Foundation does not look at: `taskset -c 0 lenet-tui bench --threads 2` had two
    /// threads spinning on one processor.
    public static let processors: Int = {
        var count = ProcessInfo.processInfo.activeProcessorCount
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let allowed = allowedProcessors(procStatus: status) {
            count = min(count, allowed)
        }
        #endif
        return min(256, max(1, count))
    }()

    /// The processors in the affinity mask of a Linux `/proc/<pid>/status` text: the set bits of its
    /// `Cpus_allowed:` line (hex digits in comma-separated 32-bit groups, e.g. `00000000,00000003` = 2);
    /// nil when the line is missing, malformed or empty.
    static func allowedProcessors(procStatus: String) -> Int? {
        let prefix = "Cpus_allowed:"
        guard let line = procStatus.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        var count = 0
        for character in line.dropFirst(prefix.count) where !character.isWhitespace && character != "," {
            guard let digit = character.hexDigitValue else { return nil }
            count += digit.nonzeroBitCount
        }
        return count > 0 ? count : nil
    }

    /// Runs `body(task, participant)` for every `task` in `0..<tasks` and returns when all have finished.
    /// `participant` (`0..<threads`, 0 = the calling thread) says which thread runs the task, so a task
    /// may use that participant's scratch space; no two tasks run at once with the same participant.
    /// Tasks run in no particular order and each must touch only its own part of shared memory.
    /// - Precondition: `0 <= tasks <= 65_535`; no job of this pool is running (`run` is not called from
    ///   a task, nor from a second thread while the owner's job runs: that would replace the job in flight
    ///   under the threads running it, skipping its tasks or hanging; it stops the process instead).
    public func run(tasks: Int, _ body: (_ task: Int, _ participant: Int) -> Void) {
        precondition(tasks >= 0 && tasks <= WorkerPoolCore.maxTasks, "tasks must be in 0...65535")
        precondition(!core.running.exchange(true, ordering: .acquiring),
                     "WorkerPool.run called while a job of the same pool runs (from a task, or from a second thread)")
        defer { core.running.store(false, ordering: .releasing) }
        if threads == 1 || tasks <= 1 {
            for task in 0..<tasks { body(task, 0) }
            return
        }
        withoutActuallyEscaping(body) { core.run(tasks: tasks, $0) }
    }
}

/// The state shared by the owner and the pool threads. Every field is either an atomic or written by the
/// owner only while no job is in flight (`body`), so the accesses do not race.
final class WorkerPoolCore: @unchecked Sendable {
    static let maxTasks = 0xFFFF

    /// One word, so a claim checks the job and takes a task in one compare-and-swap:
    /// generation (bits 32...62) | tasks (bits 16...31) | next unclaimed task (bits 0...15).
    private let state = Atomic<Int>(0)
    /// Tasks finished in the current job.
    private let finished = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// Whether a `WorkerPool.run` is in progress (its owner's check against a second, nested or concurrent one).
    let running = Atomic<Bool>(false)
    /// The current job's body; set before the job is published, cleared after it is finished.
    private var body: ((Int, Int) -> Void)?
    private var generation = 0
    private let sleepers: [Sleeper]

    /// A pool thread's way to block: it sets `asleep`, looks for work once more, then waits; the owner
    /// publishes a job, then signals every sleeper whose `asleep` it takes back (Dekker's order, so one of
    /// the two always sees the other).
    final class Sleeper: Sendable {
        let asleep = Atomic<Bool>(false)
        let semaphore = DispatchSemaphore(value: 0)
    }

    init(workers: Int) {
        sleepers = (0..<workers).map { _ in Sleeper() }
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for sleeper in sleepers { sleeper.semaphore.signal() }
    }

    /// The owner's side: publish, wake sleepers, take tasks, wait for the rest.
    func run(tasks: Int, _ job: @escaping (Int, Int) -> Void) {
        body = job
        finished.store(0, ordering: .relaxed)
        generation = (generation + 1) & 0x7FFF_FFFF
        state.store(generation << 32 | tasks << 16, ordering: .sequentiallyConsistent)
        for sleeper in sleepers where sleeper.asleep.exchange(false, ordering: .sequentiallyConsistent) {
            sleeper.semaphore.signal()
        }
        while let task = claim() {
            runTask(task, participant: 0)
        }
        var spins = 0
        while finished.load(ordering: .acquiring) < tasks {
            spins += 1
            if spins & 15 == 0 { sched_yield() }   // let a thread that wants this processor have it
        }
        body = nil
    }

    /// Takes the next task of the published job, if one is left.
    private func claim() -> Int? {
        var current = state.load(ordering: .acquiring)
        while true {
            let next = current & 0xFFFF, tasks = current >> 16 & 0xFFFF
            guard next < tasks else { return nil }
            let (exchanged, original) = state.compareExchange(expected: current, desired: current + 1,
                                                              ordering: .acquiringAndReleasing)
            if exchanged { return next }
            current = original
        }
    }

    /// Runs one claimed task. Not inlined, so the copy of `body` it takes is released before the task is
    /// counted as finished (the owner's `withoutActuallyEscaping` checks nothing still holds it).
    @inline(never)
    private func runTask(_ task: Int, participant: Int) {
        if let body { body(task, participant) }
        finished.add(1, ordering: .releasing)
    }

    private func hasWork() -> Bool {
        let current = state.load(ordering: .sequentiallyConsistent)
        return current & 0xFFFF < current >> 16 & 0xFFFF
    }

    /// A pool thread: take tasks while there are any; spin for `spinNanoseconds`, then sleep.
    func workerLoop(participant: Int) {
        let sleeper = sleepers[participant - 1]
        while !stopping.load(ordering: .relaxed) {
            if let task = claim() {
                runTask(task, participant: participant)
                continue
            }
            let idleSince = DispatchTime.now().uptimeNanoseconds
            var spins = 0
            while !hasWork() && !stopping.load(ordering: .relaxed) {
                spins += 1
                guard spins & 15 == 0 else { continue }
                sched_yield()   // spinning must not keep a runnable thread (the owner, the UI) off this processor
                if spins & 255 == 0, DispatchTime.now().uptimeNanoseconds - idleSince > WorkerPool.spinNanoseconds {
                    sleeper.asleep.store(true, ordering: .sequentiallyConsistent)
                    if !hasWork() && !stopping.load(ordering: .sequentiallyConsistent) {
                        sleeper.semaphore.wait()
                    }
                    sleeper.asleep.store(false, ordering: .sequentiallyConsistent)
                    break
                }
            }
        }
    }
}

