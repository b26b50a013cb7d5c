import LeNetTraining

// MARK: - Run phase

/// Where the run is, as far as the dashboard knows.
public enum RunPhase: Sendable, Equatable {
    /// No `.started` event yet.
    case waiting
    /// Training (possibly paused: see `DashboardState.isPaused`).
    case running
    /// The run ended: all epochs done (`completed`) or stopped early.
    case finished(completed: Bool)
    /// The run failed with a one-line message.
    case failed(message: String)

    /// Whether the trainer is still working (pause and stop still mean something).
    public var isActive: Bool {
        switch self {
        case .waiting, .running: return true
        case .finished, .failed: return false
        }
    }
}

// MARK: - Dashboard state

/// Everything the dashboard shows, as a plain value. Events go in through `apply(_:)`, keys through
/// `handle(key:)`; widgets read it. No terminal needed, so all of it is unit-tested.
public struct DashboardState: Sendable, Equatable {
    /// Default title of the header.
    public static let defaultTitle = "lenet-tui · LeNet-5 on MNIST"
    /// Points kept one by one for the recent window of the sparklines (more than the widest one shows).
    public static let historyCapacity = 512

    /// Header title and short form for narrow terminals.
    public var title: String
    public var shortTitle: String
    /// Configuration summary shown under the header ("lr 0.001", "batch 64", ...).
    public var details: [String]

    public private(set) var phase: RunPhase = .waiting
    public internal(set) var plan: TrainingPlan?
    /// The latest mini-batch report.
    public internal(set) var progress: BatchProgress?
    /// Sparkline points: training loss (nats) and accuracy (0...1) with their epochs, recent and whole run.
    public internal(set) var chartHistory = ChartHistory(recentCapacity: DashboardState.historyCapacity)
    /// w: whether the sparklines show the recent window or the whole run.
    public internal(set) var chartScope = ChartScope.recent
    /// Finished epochs, oldest first.
    public internal(set) var epochs: [EpochSummary] = []
    /// Whether the trainer reported it is paused.
    public private(set) var isPaused = false
    /// A pause (`true`) or resume (`false`) the user asked for that the trainer has not confirmed yet.
    public private(set) var pendingPause: Bool?
    /// The latest checkpoint, ready to show ("checkpoint saved: lenet.ckpt (epoch 3)").
    public internal(set) var checkpointNote: String? {
        didSet { checkpointNoteShortForms = [] }
    }
    /// Shorter forms of `checkpointNote` for a narrow status line, longest first (the file name without
    /// its directories, then without "checkpoint").
    public internal(set) var checkpointNoteShortForms: [String] = []
    /// How many epoch-log lines the view is scrolled up from the newest (0 = follow the newest).
    public internal(set) var logScroll = 0
    /// Epoch-log lines that fit on screen, set by whoever lays out the screen (limits scrolling); 0 = unknown.
    public var logViewportRows = 0

    var sampler = BatchSampler()
    /// Nanoseconds of the run on the wall clock (`runSeconds`), and the clock's last reading (`noteClock`).
    var runNanoseconds: UInt64 = 0
    var clockReading: UInt64?

    // MARK: Steering (behaviour in DashboardState+Steering.swift)

    /// The learning-rate multiplier the trainer's control holds (`+` / `-`), as the dashboard last read it.
    public internal(set) var learningRateMultiplier = LearningRateMultiplier.one
    /// The pace the trainer's control holds (`<` / `>`), as the dashboard last read it.
    public internal(set) var pace = TrainingPace.fullSpeed
    /// r was pressed: waiting for y (rewind) or n.
    public internal(set) var confirmingRewind = false
    /// The answer to a steering key that could not act (`.` while running), on the status line until the
    /// next key.
    public internal(set) var steeringNote: String?
    /// The epoch log's lines besides the epochs: learning-rate changes and rewinds, in order.
    public internal(set) var logNotes: [LogNote] = []
    /// A single step (`.`) ran in this run: the pad's automatic model is then the training weights.
    public internal(set) var hasStepped = false

    // MARK: Mouse (behaviour in DashboardState+Mouse.swift)

    /// Whether the terminal reports the mouse to the dashboard (false with `--no-mouse`); the `?` overlay
    /// lists the mouse only then.
    public var mouseEnabled = true
    /// The terminal's size at the last `noteScreen`, to find what a mouse report points at.
    public internal(set) var screenWidth = 0
    public internal(set) var screenHeight = 0
    /// The pad stroke a held button is drawing (`nil` when no button is down on the pad).
    var mouseStroke: MouseStroke?

    // MARK: Panels, draw pad and prompts (behaviour in DashboardState+Pad.swift and +Keys.swift)

    /// Class names, index = class: the heatmap's labels and the pad's bars ("0"..."9" for MNIST).
    public var classNames: [String]
    /// Only the draw pad, no training (`lenet-tui draw`): Escape and q quit at once.
    public let padOnly: Bool
    /// The pad's drawing.
    public internal(set) var pad = DrawPad()
    /// What the network made of the drawing, `nil` while the pad is empty (refreshed by `refreshPad`).
    public internal(set) var padReading: PadReading?
    /// The models the pad can use (set by whoever builds the dashboard).
    public var padSources: [PadModelSource] = []
    /// The model the user chose with m; `nil` = automatic (see `padSource`).
    public internal(set) var padSourceChoice: PadModelSource?
    /// Which panel has the keys (and, on narrow terminals, the screen body).
    public internal(set) var focus: Focus = .training
    /// v: the pad shows the 28x28 image the network sees instead of the drawing.
    public internal(set) var showsNetworkInput = false
    /// ?: the help overlay is shown; Esc closes it, ? turns to its second page, then closes it; other keys
    /// close it and act (`handle(key:)`).
    public internal(set) var helpVisible = false
    /// The help overlay's page: 0 the keys, 1 the network's summary (`SummaryOverlay`).
    public internal(set) var helpPage = 0
    /// q was pressed with unsaved training progress: waiting for y / s / n.
    public internal(set) var confirmingQuit = false
    /// Whether s can save a checkpoint now (the executable passed a save handler).
    public var canSave = false
    /// Mini-batches trained since the last checkpoint was written (by the trainer or by s).
    public internal(set) var batchesSinceCheckpoint = 0
    /// The epoch of the trainer's latest epoch checkpoint in this run (`.checkpointSaved`).
    public internal(set) var checkpointEpoch: Int?
    /// Where the weights s saved last were taken, while that save is newer than the epoch checkpoint.
    public internal(set) var savedPosition: TrainingPosition?
    /// Whether b can browse the heatmap's cells (the executable passed a confusion-examples provider).
    public var canBrowse = false
    /// b: the highlighted heatmap cell while selecting one (`nil` outside selection mode).
    public internal(set) var heatmapSelection: ConfusionCell?
    /// Enter on a selected cell: the browser of its test images (`nil` when closed).
    public internal(set) var browsing: ConfusionBrowsing?

    // MARK: Network view (behaviour in DashboardState+Network.swift)

    /// n: the network view is open.
    public internal(set) var networkViewOpen = false
    /// The network view's page shown (0-based) when it needs more than one (`networkPageCount`).
    public internal(set) var networkPage = 0
    /// Pages the network view needs on this screen, set by whoever lays out the screen (`noteScreen`).
    public var networkPageCount = 1
    /// g: the 28x28 input (pad, browser, network view) shows the saliency overlay.
    public internal(set) var showsSaliency = false
    /// c1's filters of `networkSource`'s weights, as the dashboard last read them.
    public internal(set) var networkFilters: NetworkFilters?
    /// The latest image seen through the network (maps and saliency), for `inspectionNeeded`.
    public internal(set) var inspection: Inspection?

    /// - Parameters:
    ///   - classNames: names of the ten classes, index = class.
    ///   - padOnly: the draw pad alone, without training.
    public init(title: String = DashboardState.defaultTitle, shortTitle: String = "lenet-tui",
                details: [String] = [], classNames: [String] = (0..<10).map(String.init), padOnly: Bool = false) {
        self.title = title
        self.shortTitle = shortTitle
        self.details = details
        self.classNames = classNames
        self.padOnly = padOnly
        if padOnly { focus = .pad }
    }

    // MARK: Events

    /// Folds one trainer event into the state.
    public mutating func apply(_ event: TrainingEvent) {
        switch event {
        case .started(let plan):
            self.plan = plan
            phase = .running
            sampler = BatchSampler(plan: plan)
        case .batchDone(let p):
            if phase == .waiting { phase = .running }
            if isPaused { hasStepped = true }  // a batch while paused is a single step
            progress = p
            batchesSinceCheckpoint += 1
            for point in sampler.add(p) { chartHistory.append(point) }
        case .epochDone(let summary):
            epochs.append(summary)
            if logScroll > 0 { logScroll += 1 }  // keep the lines the user scrolled to in view
        case .checkpointSaved(let path, let epoch):
            checkpointNote = "checkpoint saved: \(path) (epoch \(epoch))"
            let name = path.split(separator: "/").last.map(String.init) ?? path
            checkpointNoteShortForms = ["checkpoint saved: \(name) (epoch \(epoch))", "saved: \(name) (epoch \(epoch))",
                                        "saved epoch \(epoch)"]
            batchesSinceCheckpoint = 0
            checkpointEpoch = epoch
            if let saved = savedPosition, saved.completedEpochs < epoch || (saved.completedEpochs == epoch && saved.batch == 0) {
                savedPosition = nil
            }
        case .paused:
            isPaused = true
            if pendingPause == true { pendingPause = nil }
        case .resumed:
            isPaused = false
            if pendingPause == false { pendingPause = nil }
        case .learningRateChanged(let change):
            addLogNote(LogNote(change: change, afterEpochs: epochs.count))
        case .rewound(let rewind):
            startOver(rewind)
        case .finished(let completed):
            // A failure (a result file that could not be written stops the trainer, which ends after it)
            // stays on the screen.
            if case .failed = phase {} else { phase = .finished(completed: completed) }
            isPaused = false
            pendingPause = nil
            confirmingQuit = false
            confirmingRewind = false
        case .failed(let message):
            phase = .failed(message: message)
            isPaused = false
            pendingPause = nil
            confirmingQuit = false
            confirmingRewind = false
        }
    }

    // MARK: Derived values

    /// The recent window's loss points (nats): finished points plus the unfinished bucket's point.
    public var lossSeries: [Double] {
        chartHistory.recentSlots(width: Self.historyCapacity, pending: sampler.pendingPoint).map(\.loss)
    }

    /// The recent window's accuracy points (0...1): finished points plus the unfinished bucket's point.
    public var accuracySeries: [Double] {
        chartHistory.recentSlots(width: Self.historyCapacity, pending: sampler.pendingPoint).map(\.accuracy)
    }

    /// The epoch shown in the header: the one in progress, else the last finished, else the first planned.
    public var currentEpoch: Int? {
        progress?.epoch ?? epochs.last?.epoch ?? plan?.firstEpoch
    }

    /// Total epochs of the run.
    public var totalEpochs: Int? { plan?.epochs ?? epochs.last?.epochs }

    /// Training seconds since the run started (pauses excluded), as the trainer reports it.
    public var elapsedSeconds: Double { progress?.elapsedSeconds ?? 0 }

    /// Estimated seconds until the last epoch's training ends, from the time per mini-batch so far, or the
    /// pace's interval when the pace (`<` / `>`) holds mini-batches back longer; `nil` while unknown.
    /// Zero once the run completed; `nil` after a stop or failure.
    public var etaSeconds: Double? {
        switch phase {
        case .finished(completed: true): return 0
        case .finished, .failed, .waiting: return nil
        case .running: break
        }
        guard let p = progress, p.elapsedSeconds > 0, p.batchesPerEpoch > 0 else { return nil }
        let first = plan?.firstEpoch ?? p.epoch
        let last = plan?.epochs ?? p.epoch
        let done = (p.epoch - first) * p.batchesPerEpoch + p.batch
        guard done > 0 else { return nil }
        let remaining = max(0, (last - p.epoch) * p.batchesPerEpoch + (p.batchesPerEpoch - p.batch))
        let perBatch = max(p.elapsedSeconds / Double(done), pace.interval ?? 0)
        return perBatch * Double(remaining)
    }

    /// Whether the latest epoch's mini-batches are all done but its test evaluation is not reported yet.
    public var isEvaluating: Bool {
        guard phase == .running, let p = progress, p.batch >= p.batchesPerEpoch else { return false }
        return epochs.last?.epoch != p.epoch
    }

    /// The best test accuracy so far and its epoch.
    public var bestEpoch: EpochSummary? {
        epochs.max { a, b in a.testAccuracy < b.testAccuracy || (a.testAccuracy == b.testAccuracy && a.epoch > b.epoch) }
    }

    /// One word for the header: waiting, running, pausing, paused, resuming, finished, stopped, failed.
    public var statusWord: String {
        switch phase {
        case .waiting: return "waiting"
        case .finished(let completed): return completed ? "finished" : "stopped"
        case .failed: return "failed"
        case .running:
            if let pending = pendingPause, pending != isPaused { return pending ? "pausing" : "resuming" }
            return isPaused ? "paused" : "running"
        }
    }

    /// The message of the status line, with the style it is drawn in; `nil` while there is nothing to say.
    public var phaseMessage: (text: String, style: Style)? {
        if confirmingQuit { return (quitPrompts[0], .warn) }
        if confirmingRewind { return (rewindPrompts[0], .warn) }
        if let steeringNote { return (steeringNote, .warn) }
        if padOnly { return nil }
        switch phase {
        case .finished(completed: true): return ("finished — press q to quit", .good.bolded)
        case .finished(completed: false): return ("stopped — press q to quit", .warn)
        case .failed(let message): return ("failed: \(message) — press q to quit", .error)
        case .waiting: return ("waiting for training to start…", .dim)
        case .running:
            // Space resumes only where the key table gives it that command (on the pad it is the pen).
            let space = command(for: .character(" ")) == .togglePause ? " or space" : ""
            return isPaused ? ("paused — press p\(space) to resume", .warn) : nil
        }
    }

    /// Plain-text lines that sum the run up (printed after the dashboard closed): the epoch table with the
    /// log's notes (rate changes, rewinds), the phase ("finished", "stopped", "failed: ...") and the latest
    /// checkpoint.
    public func closingSummary(width: Int = 80) -> [String] {
        var lines: [String] = []
        if !epochs.isEmpty || !logNotes.isEmpty {
            lines.append(EpochLog.headerLine(width: width))
            lines += EpochLog.lines(epochs: epochs, notes: logNotes).map { $0.text(width: width) }
        }
        switch phase {
        case .finished(let completed): lines.append(completed ? "finished" : "stopped")
        case .failed(let message): lines.append("failed: \(message)")
        case .waiting, .running: lines.append("stopped")
        }
        if let checkpointNote { lines.append(checkpointNote) }
        return lines
    }

    // MARK: Mutations used by key handling

    mutating func requestTogglePause() {
        let desired = !(pendingPause ?? isPaused)
        pendingPause = desired == isPaused ? nil : desired
    }

    /// Lines of the epoch log: the epochs and the notes between them.
    public var logLineCount: Int { epochs.count + logNotes.count }

    /// Scrolls the epoch log `lines` towards older lines (negative: newer), clamped to what exists.
    mutating func scrollLog(by lines: Int) {
        let count = logLineCount
        let limit = logViewportRows > 0 ? count - logViewportRows : count - 1
        logScroll = min(max(0, logScroll + lines), max(0, limit))
    }
}
