import Foundation
import LeNetTraining

// MARK: - Dashboard

/// How `Dashboard.run(control:)` ended.
public enum DashboardExit: Sendable, Equatable {
    /// The user quit after the run had ended (finished, stopped or failed).
    case closedAfterRun
    /// The user quit while training was still going; `control.stop()` was called. Wait for the trainer
    /// to wind down (it stops within one mini-batch) before exiting.
    case stoppedTraining
    /// SIGINT, SIGTERM or SIGHUP arrived; `control.stop()` was called if training was still going. The
    /// commands then exit with status 130, as headless `train` does.
    case interrupted
    /// The terminal could not be used (not a TTY, unknown TERM); nothing was drawn and training was not
    /// touched. Fall back to plain progress output.
    case terminalUnavailable(reason: String)
}

/// The live training dashboard: takes trainer events from any thread through its `inbox`, draws them on
/// the terminal from the thread that calls `run(control:)`, and turns keys and the mouse into pause /
/// resume / stop and steering requests. The dashboard itself is not Sendable: only its inbox is shared.
///
/// Pipeline: trainer thread -> `inbox.post` (`DashboardInbox`, behind a lock) -> `run` loop on the calling thread drains
/// it into `DashboardState` (a pure reducer) -> `DashboardView` renders widgets into a `CellBuffer` ->
/// `CursesDriver` (the only file that calls curses) copies the buffer to the screen. Input goes the other
/// way: driver (`InputDecoder`) -> `DashboardState.handle(key:)` or `handle(mouse:)` -> `KeyAction` ->
/// `TrainingControl`, the pad's predictors (`refreshPad`) or the save handler. Opening a confusion cell
/// classifies the test set on a background queue (`browseConfusions`), whose answer comes back through
/// the inbox; the browser says "classifying…" meanwhile. Call `run` once.
///
/// ```swift
/// let control = TrainingControl()
/// let trainer = Trainer(config: config, data: data, control: control)
/// let dashboard = Dashboard(details: ["Adam lr 0.001", "batch 64", "seed 42"])
/// trainer.start(sink: dashboard.inbox.post)      // trains on its own background queue
/// let exit = dashboard.run(control: control)     // returns when the user quits
/// ```
public final class Dashboard {
    /// Where other threads post to the dashboard (trainer events); the only part shared between threads.
    public let inbox = DashboardInbox()
    /// Where slow work runs off the dashboard's thread, in order: a confusion cell's classification and
    /// the s key's checkpoint write. `run` waits for it before returning, so a save is on disk at exit.
    private let workQueue = DispatchQueue(label: "lenet-tui.dashboard-work", qos: .userInitiated)
    /// The dashboard thread's state (only `run` touches it).
    private var state: DashboardState
    private let monochrome: Bool
    private let mouse: Bool
    private let predictors: [PadModelSource: DigitPredictor]
    private let saveCheckpoint: (@Sendable () throws -> SavedWeights)?
    /// Time spent reading the network view's filters and maps since the last frame (for `FrameLog`).
    private var inspectNanoseconds: UInt64 = 0
    private let browseConfusions: (@Sendable (_ trueClass: Int, _ predicted: Int) -> ConfusionCellExamples)?

    /// - Parameters:
    ///   - title: the header title.
    ///   - shortTitle: the title on narrow terminals.
    ///   - details: configuration summary shown under the header, e.g. `["Adam lr 0.001", "batch 64"]`.
    ///   - monochrome: never use colours (`NO_COLOR` is respected either way).
    ///   - mouse: read the mouse (draw on the pad, pick heatmap cells, scroll the log); false
    ///     (`--no-mouse`) leaves the terminal's own selection alone.
    ///   - classNames: the ten class names, index = class (heatmap labels, pad bars); "0"..."9" by default.
    ///   - padOnly: show only the draw pad (`lenet-tui draw`); no trainer is involved.
    ///   - padModels: the models the pad can read drawings with, in the order m cycles through them, e.g.
    ///     `(.training, DigitPredictor { trainer.snapshot().parameters })` and
    ///     `(.checkpoint(name: "pretrained"), DigitPredictor(fixed: loaded.parameters))`. By default the pad
    ///     uses the checkpoint until the first epoch is done, then the training weights (`padSource`).
    ///   - saveCheckpoint: writes a checkpoint of the current weights now (key s, and "save & quit") and
    ///     returns the line to show, e.g. "saved checkpoints/x.safetensors (epoch 2, batch 300)", with the
    ///     weights' position (for the quit question); throws a
    ///     one-line error. Called on the dashboard's work queue, one save at a time: for s
    ///     in the background (the line comes back through the inbox), for "save & quit" waited for.
    ///     `nil` disables s.
    ///   - browseConfusions: the test images of a confusion-matrix cell (true class, predicted class) with
    ///     the network's probabilities, and how many the cell holds, e.g. a `ConfusionBrowser` over the test set with
    ///     `trainer.snapshot().parameters`; called on a background queue when the user opens a cell (b,
    ///     arrows, Enter), its answer delivered through the inbox. `nil` disables b.
    public init(title: String = DashboardState.defaultTitle, shortTitle: String = "lenet-tui",
                details: [String] = [], monochrome: Bool = false, mouse: Bool = true,
                classNames: [String] = (0..<10).map(String.init), padOnly: Bool = false,
                padModels: [(source: PadModelSource, predictor: DigitPredictor)] = [],
                saveCheckpoint: (@Sendable () throws -> SavedWeights)? = nil,
                browseConfusions: (@Sendable (_ trueClass: Int, _ predicted: Int) -> ConfusionCellExamples)? = nil) {
        state = DashboardState(title: title, shortTitle: shortTitle, details: details, classNames: classNames,
                               padOnly: padOnly)
        state.padSources = padModels.map(\.source)
        state.canSave = saveCheckpoint != nil
        state.canBrowse = browseConfusions != nil
        state.mouseEnabled = mouse
        self.mouse = mouse
        self.browseConfusions = browseConfusions
        predictors = Dictionary(padModels.map { ($0.source, $0.predictor) }, uniquingKeysWith: { first, _ in first })
        self.saveCheckpoint = saveCheckpoint
        self.monochrome = monochrome
    }

    /// The dashboard's state as last drawn. Read it on the thread that called `run`, after `run` returned
    /// (e.g. to print the results, which vanish with the terminal's alternate screen).
    public var finalState: DashboardState { state }

    /// Plain-text lines that sum the run up, for printing after `run` returned: the epoch table and the
    /// phase ("finished", "stopped", "failed: ...").
    public func closingSummary(width: Int = 80) -> [String] {
        finalState.closingSummary(width: width)
    }

    /// Whether `run(control:)` can draw here: standard input and output are terminals and TERM is usable.
    public static var isTerminalAvailable: Bool { CursesDriver.isTerminal }

    /// Runs the dashboard on the calling thread (the main thread) until the user quits; the terminal is
    /// restored before it returns. When training ends the dashboard stays open with the results until `q`.
    ///
    /// Draws when events arrived or a key changed something, at most about 10 times a second; waits for
    /// keys with a 100 ms timeout (no busy loop).
    public func run(control: TrainingControl) -> DashboardExit {
        let driver: CursesDriver
        do {
            driver = try CursesDriver(monochrome: monochrome, mouse: mouse)
        } catch {
            return .terminalUnavailable(reason: error.description)
        }
        defer {
            driver.stop()
            inbox.close()  // confusion cells still queued are skipped
            workQueue.sync {}  // a checkpoint being saved is finished before the process may exit
        }
        let view = DashboardView(glyphs: driver.glyphs, depth: driver.colorDepth)
        var dirty = true
        var lastPadRefresh = DispatchTime.now().uptimeNanoseconds
        let frameLog = FrameLog()
        func quit() -> DashboardExit {
            guard state.phase.isActive, !state.padOnly else { return .closedAfterRun }
            control.stop()
            return .stoppedTraining
        }
        while true {
            var weightsMoved = false
            if let saved = inbox.takeSaveResult() {
                switch saved {
                case .success(let line): state.noteSaved(line)
                case .failure(let error): state.noteSaveFailed(error.description)
                }
                dirty = true
            }
            if let answer = inbox.takeExamples() {
                state.showConfusionExamples(answer.found.examples, total: answer.found.total, for: answer.cell)
                dirty = true
            }
            for event in inbox.drain() {
                switch event {
                case .epochDone, .rewound: weightsMoved = true
                case .batchDone where state.isPaused: weightsMoved = true  // a single step (.)
                default: break
                }
                state.apply(event)
                dirty = true
            }
            if state.noteControl(multiplier: control.learningRateMultiplier, pace: control.pace) { dirty = true }
            if state.noteClock(now: SuspensionClock.process.now()) { dirty = true }  // the header's elapsed
            // The pad follows the training weights: read the drawing again after each epoch, single step and
            // rewind, and about once a second while training runs, so the prediction changes as the network
            // learns. The network view follows them too: c1's filters and the shown image's maps.
            let now = DispatchTime.now().uptimeNanoseconds
            let due = weightsMoved || (state.phase == .running && !state.isPaused && now - lastPadRefresh > 1_000_000_000)
            if due && state.padReading != nil && state.padSource == .training {
                refreshPad()
                lastPadRefresh = now
                dirty = true
            }
            if due && state.networkSource == .training && (state.networkViewOpen || state.showsSaliency) {
                refreshNetwork(live: true)
                lastPadRefresh = now
                dirty = true
            }
            if refreshNetwork() { dirty = true }
            if driver.wasInterrupted, state.handleInterrupt() == .interrupt {
                if state.phase.isActive && !state.padOnly { control.stop() }
                return .interrupted
            }
            if dirty {
                let size = driver.size
                state.noteScreen(width: size.width, height: size.height, glyphs: driver.glyphs)
                let start = DispatchTime.now().uptimeNanoseconds
                let buffer = view.render(state, width: size.width, height: size.height)
                let rendered = DispatchTime.now().uptimeNanoseconds
                driver.draw(buffer)
                frameLog?.record(renderNanoseconds: rendered - start, drawNanoseconds: DispatchTime.now().uptimeNanoseconds - rendered,
                                 network: state.showsNetworkView, inspectNanoseconds: inspectNanoseconds)
                inspectNanoseconds = 0
                dirty = false
            }
            guard let input = driver.readInput() else { continue }
            let action: KeyAction
            switch input {
            case .key(let key):
                if key == .resize { driver.invalidate() }
                action = state.handle(key: key)
            case .mouse(let event):
                action = state.handle(mouse: event)
            }
            switch action {
            case .none:
                break
            case .redraw:
                dirty = true
            case .togglePause:
                control.togglePause()
                dirty = true
            case .padChanged:
                refreshPad()
                lastPadRefresh = DispatchTime.now().uptimeNanoseconds
                dirty = true
            case .save:
                saveInBackground()
                dirty = true
            case .saveAndQuit:
                if save() { return quit() }
                dirty = true
            case .quit:
                return quit()
            case .interrupt:
                if state.phase.isActive && !state.padOnly { control.stop() }
                return .interrupted
            case .steer(let request):
                steer(control, request)
                state.noteControl(multiplier: control.learningRateMultiplier, pace: control.pace)
                dirty = true
            case .loadConfusions(let cell):
                // One pass over the test set (~0.1 s in release, cached while the weights stay), off this
                // thread: the keys and the screen stay live, and the answer comes back through the inbox.
                if let browse = browseConfusions {
                    let inbox = self.inbox
                    let request = inbox.requestExamples()
                    workQueue.async {
                        guard inbox.isLatestRequest(request) else { return }  // a newer cell was asked for
                        inbox.deliver(browse(cell.trueClass, cell.predicted), for: cell)
                    }
                } else {
                    state.showConfusionExamples([], total: 0, for: cell)
                }
                dirty = true
            }
        }
    }

    /// Carries out a steering key's request on the trainer's control.
    private func steer(_ control: TrainingControl, _ request: SteeringRequest) {
        switch request {
        case .doubleLearningRate: control.doubleLearningRate()
        case .halveLearningRate: control.halveLearningRate()
        case .slowDown: control.slowDown()
        case .speedUp: control.speedUp()
        case .step: control.step()
        case .rewind: control.rewind()
        }
    }

    /// Reads the pad's drawing with the current model.
    private func refreshPad() {
        let predictors = self.predictors
        state.refreshPad(read: { source, pixels in
            predictors[source]?.read([pixels]).flatMap { reading in reading.probabilities.first.map { ($0, reading.position) } }
        })
    }

    /// Reads what the network view and the saliency overlay need and have not got: c1's filters of the
    /// view's model and the shown image's maps (one image through the engine, only while shown). `live`:
    /// read them again although nothing changed on screen, because the weights being trained moved on.
    /// - Returns: whether anything was read.
    @discardableResult
    private func refreshNetwork(live: Bool = false) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var changed = false
        defer { if changed { inspectNanoseconds += DispatchTime.now().uptimeNanoseconds - start } }
        if let source = state.filtersNeeded ?? (live && state.networkViewOpen ? state.networkSource : nil) {
            state.setFilters(predictors[source]?.weights()?["c1.weight"], from: source)
            changed = true
        }
        let shown = state.networkViewOpen || state.showsSaliency
        if let request = state.inspectionNeeded ?? (live && shown ? state.inspectionRequest : nil) {
            let inspection = predictors[request.source]?.inspect([request.pixels])?.first
            state.setInspection(inspection.map(NetworkInside.init), for: request)
            changed = true
        }
        return changed
    }

    /// s: writes a checkpoint through the save handler on the work queue (an fsync'd file, off the
    /// dashboard's thread); the line to show comes back through the inbox.
    private func saveInBackground() {
        guard let saveCheckpoint else { return }
        let inbox = self.inbox
        workQueue.async {
            do {
                inbox.deliverSaveResult(.success(try saveCheckpoint()))
            } catch {
                inbox.deliverSaveResult(.failure(SaveFailure(description: "\(error)")))
            }
        }
    }

    /// "save and quit": writes a checkpoint through the save handler now (the dashboard closes only when
    /// it was written); notes the result on the status line. The write runs on the work queue, after any
    /// s-key save still queued: two writes of the same file at once would share `AtomicFile`'s temporary
    /// name (`.<name>.<pid>.tmp`) and could rename a half-written file into place.
    private func save() -> Bool {
        guard let saveCheckpoint else { return false }
        let result = workQueue.sync { Result { try saveCheckpoint() } }
        switch result {
        case .success(let line):
            state.noteSaved(line)
            return true
        case .failure(let error):
            state.noteSaveFailed("\(error)")
            return false
        }
    }
}
