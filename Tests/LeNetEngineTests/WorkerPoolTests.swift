import Foundation
@testable import LeNetEngine
import Synchronization
import Testing

/// The worker pool: every task runs exactly once, a participant never runs two tasks at once, jobs keep
/// completing after the pool threads have gone to sleep, and the trivial cases stay on the caller.
@Suite struct WorkerPoolTests {
    /// Per-task run counts and per-participant "busy" flags, shared with the tasks.
    final class Tally: Sendable {
        final class Count: Sendable { let value = Atomic<Int>(0) }
        final class Flag: Sendable { let value = Atomic<Bool>(false) }
        let runs: [Count]
        let busy: [Flag]
        let overlaps = Atomic<Int>(0)
        let badParticipants = Atomic<Int>(0)
        init(tasks: Int, participants: Int) {
            runs = (0..<tasks).map { _ in Count() }
            busy = (0..<participants).map { _ in Flag() }
        }
        func record(task: Int, participant: Int) {
            guard participant >= 0 && participant < busy.count else {
                badParticipants.add(1, ordering: .relaxed)
                return
            }
            if busy[participant].value.exchange(true, ordering: .sequentiallyConsistent) { overlaps.add(1, ordering: .relaxed) }
            runs[task].value.add(1, ordering: .relaxed)
            var sink = 0.0
            for i in 0..<(task % 7) * 50 { sink += Double(i).squareRoot() }   // uneven task lengths
            if sink < 0 { runs[task].value.add(1, ordering: .relaxed) }
            busy[participant].value.store(false, ordering: .sequentiallyConsistent)
        }
        var counts: [Int] { runs.map { $0.value.load(ordering: .relaxed) } }
    }

    @Test(arguments: [1, 2, 3, 4])
    func everyTaskRunsOnceAndParticipantsDoNotOverlap(threads: Int) {
        let pool = WorkerPool(threads: threads)
        #expect(pool.threads == min(threads, WorkerPool.processors))
        for tasks in [0, 1, 2, 3, 17, 1_000] {
            let tally = Tally(tasks: tasks, participants: threads)
            pool.run(tasks: tasks) { task, participant in tally.record(task: task, participant: participant) }
            #expect(tally.counts == [Int](repeating: 1, count: tasks), "\(tasks) tasks on \(threads) threads")
            #expect(tally.overlaps.load(ordering: .relaxed) == 0)
            #expect(tally.badParticipants.load(ordering: .relaxed) == 0)
        }
    }

    /// 20,000 back-to-back jobs (the pool threads spinning), then jobs 1 ms apart, longer than the
    /// threads spin (`spinNanoseconds`, 0.3 ms), so each job wakes sleeping threads: no job is lost or
    /// left hanging, and the written values are all there when `run` returns.
    @Test func jobsCompleteWhetherThePoolThreadsSpinOrSleep() {
        #expect(WorkerPool.spinNanoseconds == 300_000)
        let pool = WorkerPool(threads: 3)
        var sums = [Int](repeating: 0, count: 4)
        for job in 0..<20_000 {
            sums.withUnsafeMutableBufferPointer { sums in
                pool.run(tasks: 4) { task, _ in sums[task] += job % 3 }
            }
        }
        let expected = (0..<20_000).reduce(0) { $0 + $1 % 3 }
        #expect(sums == [Int](repeating: expected, count: 4))
        var total = 0
        for job in 0..<40 {
            Thread.sleep(forTimeInterval: 0.001)
            var parts = [Int](repeating: 0, count: 6)
            parts.withUnsafeMutableBufferPointer { parts in
                pool.run(tasks: 6) { task, _ in parts[task] = job * 10 + task }
            }
            #expect(parts == (0..<6).map { job * 10 + $0 })
            total += parts.reduce(0, +)
        }
        #expect(total == (0..<40).reduce(0) { $0 + 60 * $1 + 15 })
    }

    /// `processors` counts the CPUs of the affinity mask (`taskset`), read from /proc/self/status as
    /// Linux writes it: the `Cpus_allowed:` line, not `Cpus_allowed_list:`.
    @Test func processorsOfTheAffinityMask() {
        let status = "Name:\tlenet-tui\nCpus_allowed:\t00000000,00000005\nCpus_allowed_list:\t0,2\n"
        #expect(WorkerPool.allowedProcessors(procStatus: status) == 2)
        #expect(WorkerPool.allowedProcessors(procStatus: "Cpus_allowed:\tff,ffffffff\n") == 40)
        #expect(WorkerPool.allowedProcessors(procStatus: "Cpus_allowed_list:\t0-3\n") == nil)
        #expect(WorkerPool.allowedProcessors(procStatus: "Cpus_allowed:\t00000000\n") == nil)
        #expect(WorkerPool.allowedProcessors(procStatus: "Cpus_allowed:\t3g\n") == nil)
        #expect(WorkerPool.processors >= 1 && WorkerPool.processors <= ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `run` called while a job of the same pool runs (from one of its tasks, or from a second thread)
    /// stops the process with a message, whatever the thread count, instead of replacing the job in
    /// flight (its body, task count and finished count) under the threads still running it.
    @Test func runInsideARunStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            let pool = WorkerPool(threads: 2)
            pool.run(tasks: 4) { _, _ in pool.run(tasks: 4) { _, _ in } }
        }
        await #expect(processExitsWith: .failure) {
            let pool = WorkerPool(threads: 1)
            pool.run(tasks: 4) { _, _ in pool.run(tasks: 4) { _, _ in } }
        }
    }

    /// Pool threads are named `lenet-worker-N` from their start, and released pools end them, whether
    /// they still spin (a pool released right after its job) or sleep on their semaphores (released after
    /// `spinNanoseconds`): counted by name in /proc/self/task of a child process, where no other test's
    /// pool runs. Exit status 2: a live pool's worker was not found by name within 1 s; 1: workers were
    /// left behind. (Named with `Thread.current.name`, 6 runs of 6 ended with status 2: a worker unnamed.)
    @Test func workersAreNamedAndEndWithTheirPool() async {
        await #expect(processExitsWith: .success) {
            func workers() -> Int {
                let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
                return tasks.filter { task in
                    let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
                    return name.hasPrefix("lenet-worker-")
                }.count
            }
            func waitFor(_ count: Int) -> Bool {
                for _ in 0..<200 where workers() != count { usleep(5_000) }
                return workers() == count
            }
            for round in 0..<40 {
                let pool = WorkerPool(threads: 4)
                pool.run(tasks: 8) { _, _ in }
                if !waitFor(pool.threads - 1) { exit(2) }
                if round % 2 == 1 { usleep(5_000) }   // past spinNanoseconds: asleep
            }
            exit(waitFor(0) ? 0 : 1)
        }
    }

    @Test func oneThreadRunsTasksInOrderOnTheCaller() {
        let pool = WorkerPool(threads: 1)
        var order: [Int] = []
        var participants: Set<Int> = []
        pool.run(tasks: 5) { task, participant in
            order.append(task)
            participants.insert(participant)
        }
        #expect(order == [0, 1, 2, 3, 4])
        #expect(participants == [0])
    }

    /// Pools come and go with their models: 50 pools of 4 threads made and released in turn each finish
    /// a job (their threads stop when the pool is released rather than piling up).
    @Test func poolsCanBeMadeAndReleasedRepeatedly() {
        var finished = 0
        for _ in 0..<50 {
            let pool = WorkerPool(threads: 4)
            var hits = [Int](repeating: 0, count: 8)
            hits.withUnsafeMutableBufferPointer { hits in pool.run(tasks: 8) { task, _ in hits[task] = 1 } }
            if hits == [Int](repeating: 1, count: 8) { finished += 1 }
        }
        #expect(finished == 50)
    }
}
