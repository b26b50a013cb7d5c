import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Header

@Suite struct HeaderTests {
    private func header(_ state: DashboardState, width: Int, glyphs: GlyphSet = .unicode) -> CellBuffer {
        Fixture.render(width: width, height: 1) { buffer, area in
            Header(state: state, glyphs: glyphs).render(into: &buffer, area: area)
        }
    }

    @Test func runningAtFullWidth() {
        let buffer = header(Fixture.runningState(), width: 100)
        #expect(buffer.rows() == [Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                             "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09",
                                             width: 100)])
        #expect(buffer[0, 0].style == .title)
        let status = buffer.rows()[0].distance(from: buffer.rows()[0].startIndex,
                                               to: buffer.rows()[0].range(of: "running")!.lowerBound)
        #expect(buffer[status, 0].style == .good.bolded)
    }

    @Test func paused() {
        var state = Fixture.runningState()
        state.apply(.paused)
        #expect(header(state, width: 100).rows() == [Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "epoch 3/10  paused  12,345 img/s  elapsed 01:23  ETA 04:09", width: 100)])
    }

    @Test func pausingUntilTheTrainerConfirms() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("p")) == .togglePause)
        #expect(header(state, width: 100).rows() == [Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "epoch 3/10  pausing  12,345 img/s  elapsed 01:23  ETA 04:09", width: 100)])
    }

    @Test func finished() {
        var state = Fixture.runningState()
        state.apply(.finished(completed: true))
        #expect(header(state, width: 100).rows() == [Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "epoch 3/10  finished  12,345 img/s  elapsed 01:23  ETA 00:00", width: 100)])
    }

    @Test func stoppedAndFailedHaveNoEta() {
        var stopped = Fixture.runningState()
        stopped.apply(.finished(completed: false))
        #expect(header(stopped, width: 80).trimmedRows() == [Fixture.line(
            "lenet-tui", "epoch 3/10  stopped  12,345 img/s  elapsed 01:23  ETA --:--", width: 80)])
        var failed = Fixture.runningState()
        failed.apply(.failed(message: "out of memory"))
        #expect(header(failed, width: 80).rows() == [Fixture.line(
            "lenet-tui", "epoch 3/10  failed  12,345 img/s  elapsed 01:23  ETA --:--", width: 80)])
    }

    @Test func beforeTheFirstEvent() {
        #expect(header(DashboardState(), width: 80).rows() == [Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "waiting  elapsed 00:00  ETA --:--", width: 80)])
    }

    @Test func startedButNoBatchYet() {
        var state = DashboardState()
        state.apply(.started(Fixture.plan()))
        #expect(header(state, width: 80).rows() == [Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "epoch 1/10  running  elapsed 00:00  ETA --:--", width: 80)])
    }

    @Test func narrowTerminalsDropDetailsStepByStep() {
        let state = Fixture.runningState()
        #expect(header(state, width: 80).rows() == [Fixture.line(
            "lenet-tui", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09", width: 80)])
        // Below the short title's width every number keeps its label: the title goes first.
        #expect(header(state, width: 62).rows() == [Fixture.line(
            "", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09", width: 62)])
        #expect(header(state, width: 59).rows() == [Fixture.line(
            "", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09", width: 59)])
        // Then the throughput goes, still with every label.
        #expect(header(state, width: 58).rows() == [Fixture.line(
            "", "epoch 3/10  running  elapsed 01:23  ETA 04:09", width: 58)])
        #expect(header(state, width: 45).rows() == [Fixture.line(
            "", "epoch 3/10  running  elapsed 01:23  ETA 04:09", width: 45)])
        #expect(header(state, width: 44).rows() == [Fixture.line(
            "", "epoch 3/10  running  01:23  ETA 04:09", width: 44)])
        #expect(header(state, width: 40).rows() == [Fixture.line(
            "", "epoch 3/10  running  01:23  ETA 04:09", width: 40)])
        #expect(header(state, width: 20).rows() == [" epoch 3/10  running"])
    }

    @Test func asciiHeader() {
        #expect(header(Fixture.runningState(), width: 100, glyphs: .ascii).rows() == [Fixture.line(
            "lenet-tui - LeNet-5 on MNIST", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09", width: 100)])
    }

    @Test func detailsLine() {
        let rows = Fixture.render(width: 70, height: 1) { buffer, area in
            DetailsLine(state: Fixture.runningState(details: ["Adam lr 0.001", "seed 42"]), glyphs: .unicode)
                .render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(rows == ["Adam lr 0.001 · seed 42 · 6,400 train / 10,000 test images"])
        let derived = Fixture.render(width: 30, height: 1) { buffer, area in
            DetailsLine(state: Fixture.runningState(), glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        // Shorter forms of the image counts, then whole parts left out: never cut mid-word.
        #expect(derived == ["6,400 train / 10,000 test     "])
        let state = Fixture.runningState(details: ["Adam lr 0.001 (cosine)", "batch 64", "seed 1", "2 threads"])
        #expect(DetailsLine(state: state, glyphs: .unicode).text(width: 90) ==
                "Adam lr 0.001 (cosine) · batch 64 · seed 1 · 2 threads · 6,400 train / 10,000 test images")
        #expect(DetailsLine(state: state, glyphs: .unicode).text(width: 82) ==
                "Adam lr 0.001 (cosine) · batch 64 · seed 1 · 2 threads · 6,400 train / 10,000 test")
        #expect(DetailsLine(state: state, glyphs: .unicode).text(width: 80) ==
                "Adam lr 0.001 (cosine) · batch 64 · seed 1 · 2 threads · 6,400 / 10,000 images")
        #expect(DetailsLine(state: state, glyphs: .unicode).text(width: 60) ==
                "Adam lr 0.001 (cosine) · batch 64 · seed 1 · 2 threads")
    }
}

// MARK: - Progress

@Suite struct ProgressTests {
    private func bar(_ fraction: Double, glyphs: GlyphSet = .unicode) -> String {
        Fixture.render(width: 10, height: 1) { buffer, area in
            ProgressBar(fraction: fraction, glyphs: glyphs).render(into: &buffer, area: area)
        }.rows()[0]
    }

    @Test func barWithEighths() {
        #expect(bar(0) == "░░░░░░░░░░")
        #expect(bar(0.5625) == "█████▋░░░░")  // 45 eighths: 5 full + 5/8
        #expect(bar(1) == "██████████")
        #expect(bar(1.7) == "██████████")
        #expect(bar(.nan) == "░░░░░░░░░░")
    }

    @Test func asciiBar() {
        #expect(bar(0.5625, glyphs: .ascii) == "#####-----")
        #expect(bar(0.99, glyphs: .ascii) == "#########-")
    }

    @Test func epochProgressLine() {
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 469)))
        state.apply(.batchDone(Fixture.progress(batch: 123, batches: 469)))
        let rows = Fixture.render(width: 40, height: 1) { buffer, area in
            EpochProgressLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
        // 123/469 = 26.2%: 21 cells x 8 x 0.262 = 44 eighths.
        #expect(rows == ["batch 123/469 █████▌░░░░░░░░░░░░░░░  26%"])
    }

    @Test func epochProgressLineWhileTesting() {
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 20)))
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 20, batches: 20)))
        #expect(state.isEvaluating)
        let rows = Fixture.render(width: 30, height: 1) { buffer, area in
            EpochProgressLine(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == ["batch 20/20 ####### testing..."])
    }

    @Test func epochProgressLineBeforeStart() {
        let rows = Fixture.render(width: 40, height: 1) { buffer, area in
            EpochProgressLine(state: DashboardState(), glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(rows == ["waiting for training to start…"])
    }
}

// MARK: - Epoch log

@Suite struct EpochLogTests {
    private func log(_ count: Int, height: Int, width: Int = 50, scroll: Int = 0) -> [String] {
        let epochs = (1...max(1, count)).prefix(count).map {
            Fixture.summary(epoch: $0, testAccuracy: 0.95 + Double($0) / 1000)
        }
        return Fixture.render(width: width, height: height) { buffer, area in
            EpochLog(epochs: epochs, scroll: scroll, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
    }

    @Test func lineFormatting() {
        let summary = Fixture.summary(epoch: 3)
        #expect(EpochLog.headerLine(width: 48) == "  epoch  train loss  test loss  test acc    time")
        #expect(EpochLog.line(for: summary, width: 48) == "   3/10      0.1234     0.0987    97.12%   12.3s")
        #expect(EpochLog.headerLine(width: 70) ==
                "  epoch  train loss  train acc  test loss  test acc    img/s    time")
        #expect(EpochLog.line(for: summary, width: 70) ==
                "   3/10      0.1234     96.51%     0.0987    97.12%    5,210   12.3s")
    }

    @Test func fewerEpochsThanRows() {
        #expect(log(2, height: 6) == [
            "┌ epochs " + String(repeating: "─", count: 40) + "┐",
            "│  epoch  train loss  test loss  test acc    time│",
            "│   1/10      0.1234     0.0987    95.10%   12.3s│",
            "│   2/10      0.1234     0.0987    95.20%   12.3s│",
            "│                                                │",
            "└────────────────────────────────────────────────┘",
        ])
    }

    @Test func moreEpochsThanRowsShowsTheNewest() {
        #expect(log(5, height: 5) == [
            "┌ epochs " + String(repeating: "─", count: 29) + " 4..5 of 5 ┐",
            "│  epoch  train loss  test loss  test acc    time│",
            "│   4/10      0.1234     0.0987    95.40%   12.3s│",
            "│   5/10      0.1234     0.0987    95.50%   12.3s│",
            "└────────────────────────────────────────────────┘",
        ])
    }

    @Test func scrolledUpAndClamped() {
        #expect(Array(log(5, height: 5, scroll: 1)[0...3]) == [
            "┌ epochs " + String(repeating: "─", count: 29) + " 3..4 of 5 ┐",
            "│  epoch  train loss  test loss  test acc    time│",
            "│   3/10      0.1234     0.0987    95.30%   12.3s│",
            "│   4/10      0.1234     0.0987    95.40%   12.3s│",
        ])
        #expect(log(5, height: 5, scroll: 99)[2] == "│   1/10      0.1234     0.0987    95.10%   12.3s│")
        #expect(EpochLog.visibleRange(count: 5, rows: 2, scroll: 99) == 0..<2)
        #expect(EpochLog.visibleRange(count: 0, rows: 2, scroll: 0) == 0..<0)
    }

    @Test func emptyLog() {
        #expect(log(0, height: 4)[2] == "│no finished epoch yet…                          │")
    }

    @Test func bestEpochIsHighlighted() {
        let epochs = [Fixture.summary(epoch: 1, testAccuracy: 0.97), Fixture.summary(epoch: 2, testAccuracy: 0.99),
                      Fixture.summary(epoch: 3, testAccuracy: 0.98)]
        let buffer = Fixture.render(width: 50, height: 6) { buffer, area in
            EpochLog(epochs: epochs, glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(buffer[3, 2].style == .plain)
        #expect(buffer[3, 3].style == .good.bolded)
        #expect(buffer[3, 4].style == .plain)
    }
}

// MARK: - Bottom lines (key help, status line) and the too-small message

@Suite struct BottomLineTests {
    @Test func keyHelpFollowsTheState() {
        var state = Fixture.runningState()
        #expect(KeyHelp(state: state, glyphs: .unicode).text() ==
                "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  n network  ? help  q quit")
        state.apply(.paused)
        #expect(KeyHelp(state: state, glyphs: .unicode).text() ==
                "p resume  w whole run  d draw  tab panels  +/- lr  </> pace  . step  r rewind  n network  ? help  q quit")
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        state.apply(.epochDone(Fixture.summary(epoch: 2)))
        #expect(KeyHelp(state: state, glyphs: .unicode).text() ==
                "p resume  w whole run  d draw  tab panels  +/- lr  </> pace  . step  r rewind  ↑/↓ scroll log  "
                + "n network  ? help  q quit")
        #expect(KeyHelp(state: state, glyphs: .ascii).text() ==
                "p resume  w whole run  d draw  tab panels  +/- lr  </> pace  . step  r rewind  ^/v scroll log  "
                + "n network  ? help  q quit")
        state.apply(.finished(completed: true))
        #expect(KeyHelp(state: state, glyphs: .unicode).text() ==
                "w whole run  d draw  tab panels  ↑/↓ scroll log  n network  ? help  q quit")
        // Too narrow for all: secondary keys go, the main ones stay, and ? says there are more.
        #expect(KeyHelp(state: state, glyphs: .unicode).text(width: 30) == "d draw  ? more keys  q quit")
    }

    @Test func keyHelpRendering() {
        let buffer = Fixture.render(width: 41, height: 1) { buffer, area in
            KeyHelp(state: Fixture.runningState(), glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(buffer.rows() == ["p pause  d draw  ? more keys  q quit     "])
        #expect(buffer[0, 0].style == .accent.bolded)
        #expect(buffer[8, 0].style == .plain)
    }

    @Test func statusLine() {
        var state = Fixture.runningState()
        state.apply(.checkpointSaved(path: "lenet.ckpt", epoch: 2))
        state.apply(.finished(completed: true))
        let rows = Fixture.render(width: 70, height: 1) { buffer, area in
            StatusLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == [Fixture.line("finished — press q to quit", "checkpoint saved: lenet.ckpt (epoch 2)",
                                    width: 70)])
        var failed = Fixture.runningState()
        failed.apply(.failed(message: "cannot read train-images"))
        let failedRows = Fixture.render(width: 60, height: 1) { buffer, area in
            StatusLine(state: failed, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(failedRows == ["failed: cannot read train-images - press q to quit"])
    }

    @Test func tooSmallMessageIsCentred() {
        let rows = Fixture.render(width: 40, height: 6) { buffer, area in
            TooSmallMessage(minimumWidth: 60, minimumHeight: 16, glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(rows == ["", "", "     terminal too small: need 60×16", "                now 40×6", "", ""])
        let ascii = Fixture.render(width: 20, height: 1) { buffer, area in
            TooSmallMessage(minimumWidth: 60, minimumHeight: 16, glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        #expect(ascii == ["terminal too small: "])
    }
}
