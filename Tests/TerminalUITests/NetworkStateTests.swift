import LeNetTraining
import XCTest
@testable import TerminalUI

// MARK: - Network view keys and state

final class NetworkStateTests: XCTestCase {
    func testNOpensStepsThroughThePagesAndCloses() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("n")), .redraw)
        XCTAssertTrue(state.networkViewOpen)
        XCTAssertTrue(state.showsNetworkView)
        state.networkPageCount = 2
        XCTAssertEqual(KeyHelp(state: state, glyphs: .unicode).text(), "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  Esc close network  "
                       + "n next page  g saliency  ? help  q quit")
        XCTAssertEqual(state.handle(key: .character("n")), .redraw)
        XCTAssertEqual(state.networkPage, 1)
        XCTAssertTrue(KeyHelp(state: state, glyphs: .unicode).text().contains("n close network"))
        XCTAssertEqual(state.handle(key: .character("N")), .redraw)
        XCTAssertFalse(state.networkViewOpen)
        XCTAssertEqual(state.networkPage, 0)
    }

    func testEscapeLeavesThePadFirstThenClosesTheView() {
        var state = Fixture.networkState()
        XCTAssertEqual(state.focus, .pad)
        XCTAssertEqual(state.handle(key: .escape), .redraw)
        XCTAssertEqual(state.focus, .training)
        XCTAssertTrue(state.networkViewOpen, "the view stays; the pad's keys are gone")
        XCTAssertEqual(state.handle(key: .escape), .redraw)
        XCTAssertFalse(state.networkViewOpen)
        XCTAssertNil(state.networkFilters)
        XCTAssertEqual(state.handle(key: .escape), .none)
    }

    func testDrawOnlyEscapeClosesTheViewBeforeQuitting() {
        var state = DashboardState(padOnly: true)
        _ = state.handle(key: .character("n"))
        XCTAssertEqual(state.handle(key: .escape), .redraw)
        XCTAssertFalse(state.networkViewOpen)
        XCTAssertEqual(state.handle(key: .escape), .quit)
    }

    func testOpeningTheViewReadsTheDrawingWithTheTrainingWeights() {
        var state = Fixture.runningState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        XCTAssertEqual(state.padSource, .checkpoint(name: "pretrained"), "before the first epoch the pad reads with the checkpoint")
        XCTAssertEqual(state.handle(key: .character("n")), .padChanged, "the model changed under the drawing")
        XCTAssertEqual(state.padSource, .training)
        XCTAssertEqual(state.networkSourceLabel, "training weights, epoch 3, mini-batch 50 of 100")
        XCTAssertEqual(state.handle(key: .character("m")), .padChanged, "m still chooses")
        XCTAssertEqual(state.padSource, .checkpoint(name: "pretrained"))
    }

    func testGTogglesTheSaliencyWhereAnInputIsShown() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("g")), .none, "no pad, browser or network view: nothing to overlay")
        XCTAssertFalse(state.showsSaliency)
        _ = state.handle(key: .character("d"))
        XCTAssertEqual(state.handle(key: .character("g")), .redraw)
        XCTAssertTrue(state.showsSaliency)
        XCTAssertTrue(KeyHelp(state: state, glyphs: .unicode).text(width: 200).contains("g hide saliency"))
        _ = state.handle(key: .escape)
        _ = state.handle(key: .character("n"))
        XCTAssertEqual(state.handle(key: .character("g")), .redraw, "in the network view too")
        XCTAssertFalse(state.showsSaliency)
    }

    func testTheDashboardIsAskedForEachNewImageOnlyWhileSomethingShowsIt() throws {
        var state = Fixture.runningState()
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        XCTAssertNil(state.inspectionNeeded, "view closed, no overlay: no maps computed")
        XCTAssertNil(state.filtersNeeded)
        _ = state.handle(key: .character("n"))
        let request = try XCTUnwrap(state.inspectionNeeded)
        XCTAssertEqual(request.source, .training)
        XCTAssertEqual(request.pixels, state.padReading?.input.pixels)
        XCTAssertEqual(state.filtersNeeded, .training)
        state.setInspection(Fixture.inside(), for: request)
        state.setFilters(Fixture.filters, from: .training)
        XCTAssertNil(state.inspectionNeeded)
        XCTAssertNil(state.filtersNeeded)
        XCTAssertEqual(state.currentInside, Fixture.inside())
        XCTAssertEqual(state.networkFilters?.weights?.shape(), "6×5×5")
        // Another stroke: another image, asked again; the old maps are not shown for it.
        _ = state.handle(key: .right)
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        XCTAssertNotNil(state.inspectionNeeded)
        XCTAssertNil(state.currentInside)
        state.setInspection(Fixture.inside(), for: request)
        XCTAssertNil(state.currentInside, "an answer for an old image is dropped")
        state.setFilters([1, 2, 3], from: .training)
        XCTAssertNil(state.networkFilters?.weights, "not 6x1x5x5: no filters")
        XCTAssertNil(state.filtersNeeded, "and not asked again")
    }

    func testWhileBrowsingTheViewShowsTheTestImageWithTheTrainingWeights() throws {
        var state = ConfusionBrowserStateTests.browsableState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("b"))
        XCTAssertFalse(state.showsNetworkView, "picking a cell shows the heatmap")
        let cell = ConfusionCell(trueClass: 7, predicted: 2)
        _ = state.handle(key: .enter)
        var example = ConfusionBrowserStateTests.example(41)
        example = ConfusionExample(testIndex: 41, trueClass: 7, predicted: 2, pixels: Fixture.barImage,
                                   probabilities: example.probabilities)
        state.showConfusionExamples([example], for: cell)
        XCTAssertTrue(state.showsNetworkView)
        let request = try XCTUnwrap(state.inspectionNeeded)
        XCTAssertEqual(request, InspectionRequest(pixels: Fixture.barImage, source: .training))
        XCTAssertEqual(state.handle(key: .character("g")), .redraw)
        XCTAssertEqual(KeyHelp(state: state, glyphs: .unicode).text(width: 200).prefix(40), "←/→ image  g hide saliency  Esc cells  p")
        state.setInspection(Fixture.inside(), for: request)
        state.showConfusionExamples([example, ConfusionBrowserStateTests.example(42)], for: cell)
        XCTAssertEqual(state.handle(key: .right), .redraw)
        XCTAssertEqual(state.inspectionNeeded?.pixels, ConfusionBrowserStateTests.example(42).pixels, "the next image is asked for")
        XCTAssertNil(state.currentInside)
    }

    func testLayoutGivesTheViewTheBodyOrTheSpaceBesideTheTrainingView() {
        let at120 = DashboardLayout(width: 120, height: 40, network: true)
        XCTAssertEqual(at120.network, Rect(x: 0, y: 3, width: 120, height: 35))
        XCTAssertTrue(at120.lossPanel.isEmpty && at120.heatmap.isEmpty && at120.pad.isEmpty)
        XCTAssertEqual(DashboardLayout(width: 80, height: 24, focus: .pad, network: true).network,
                       Rect(x: 0, y: 3, width: 80, height: 19))
        let wide = DashboardLayout(width: 180, height: 50, network: true)
        XCTAssertEqual(wide.network, Rect(x: 61, y: 3, width: 119, height: 45))
        XCTAssertEqual(wide.lossPanel.width, DashboardLayout.besideTrainingWidth)
        XCTAssertEqual(wide.epochLog.width, DashboardLayout.besideTrainingWidth)
        XCTAssertTrue(wide.heatmap.isEmpty)
        XCTAssertEqual(DashboardLayout(width: 64, height: 22, padOnly: true, network: true).network.height, 19)
    }

    func testNoteScreenCountsThePagesAndKeepsThePageInRange() {
        var state = Fixture.networkState()
        state.noteScreen(width: 80, height: 24, glyphs: .unicode)
        XCTAssertEqual(state.networkPageCount, 3)
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("n"))
        XCTAssertEqual(state.networkPage, 2)
        state.noteScreen(width: 120, height: 40, glyphs: .unicode)
        XCTAssertEqual(state.networkPageCount, 1)
        XCTAssertEqual(state.networkPage, 0, "the terminal grew: one page")
    }
}
