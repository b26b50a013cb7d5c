import Testing
@testable import TerminalUI

// MARK: - SGR mouse reports and the input decoder

@Suite struct MouseInputTests {
    /// Feeds `text`'s scalars to a fresh parser; the steps in order.
    private func parse(_ text: String) -> [SGRMouseParser.Step] {
        var parser = SGRMouseParser()
        return text.unicodeScalars.map { parser.feed($0.value) }
    }

    /// The inputs `raws` decode to, in order.
    private func decode(_ raws: [RawInput]) -> [Input] {
        var decoder = InputDecoder()
        return raws.flatMap { decoder.feed($0) }
    }

    private func characters(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    // MARK: Parser

    @Test func pressDragReleaseAndWheel() {
        #expect(parse("0;12;5M").last == .event(MouseEvent(.press, .left, x: 11, y: 4)))
        #expect(parse("32;13;6M").last == .event(MouseEvent(.drag, .left, x: 12, y: 5)))
        #expect(parse("0;13;6m").last == .event(MouseEvent(.release, .left, x: 12, y: 5)))
        #expect(parse("2;1;1M").last == .event(MouseEvent(.press, .right, x: 0, y: 0)))
        #expect(parse("34;1;1M").last == .event(MouseEvent(.drag, .right, x: 0, y: 0)))
        #expect(parse("1;3;3M").last == .event(MouseEvent(.press, .middle, x: 2, y: 2)))
        #expect(parse("64;40;20M").last == .event(MouseEvent(.press, .wheelUp, x: 39, y: 19)))
        #expect(parse("65;40;20M").last == .event(MouseEvent(.press, .wheelDown, x: 39, y: 19)))
        #expect(parse("35;4;4M").last == .event(MouseEvent(.move, .none, x: 3, y: 3)))
        #expect(parse("128;4;4M").last == .event(MouseEvent(.press, .none, x: 3, y: 3)), "button 8")
        // Wide terminals: SGR has no 223-column limit.
        #expect(parse("0;1000;300M").last == .event(MouseEvent(.press, .left, x: 999, y: 299)))
        #expect(parse("0;12;5").dropLast().allSatisfy { $0 == .pending } == true)
    }

    @Test func modifiers() {
        #expect(parse("4;2;2M").last == .event(MouseEvent(.press, .left, x: 1, y: 1, shift: true)))
        #expect(parse("24;2;2M").last == .event(MouseEvent(.press, .left, x: 1, y: 1, alt: true, control: true)))
    }

    @Test(arguments: ["0;12M", "0;12;5;7M", ";12;5M", "0;;5M", "0;0;5M", "0;5;0M", "256;5;5M", "0;123456;5M",
                      "0:12;5M", "0;12;5?M", "0;12;5 M", "0;12;5t", "0;12;5~"])
    func malformedReportsAreIgnoredWhole(bad: String) {
        let steps = parse(bad)
        #expect(steps.last == .ignored)
        #expect(steps.dropLast().allSatisfy { $0 == .pending })
    }

    @Test func anEndlessReportKeepsBoundedMemoryAndIsIgnored() {
        var parser = SGRMouseParser()
        for _ in 0..<100_000 { #expect(parser.feed(0x31) == .pending) }
        #expect(parser.feed(0x4D) == .ignored)
        // Exactly the maximum length still reads; one byte more does not.
        #expect(SGRMouseParser.maximumLength == "00255;99999;99999".count)
        #expect(parse("00255;99999;99999M").last == .event(MouseEvent(.move, .none, x: 99_998, y: 99_998,
                                                                  shift: true, alt: true, control: true)))
        #expect(parse("000255;99999;99999M").last == .ignored)
    }

    @Test func aControlCharacterInterruptsTheReport() {
        #expect(parse("0;1\u{1B}").last == .interrupted)
        #expect(parse("0;1\n").last == .interrupted)
        #expect(parse("0;1é").last == .interrupted)
        #expect(parse("0;1\u{7F}").last == .interrupted)
    }

    // MARK: Decoder

    @Test func keysPassThroughAndCharactersBecomeKeys() {
        #expect(decode([.key(.up), .character(0x71), .character(9), .character(13), .character(127)]) ==
                [.key(.up), .key(.character("q")), .key(.tab), .key(.enter), .key(.backspace)])
    }

    @Test func aReportAfterTheDriversIntroducer() {
        #expect(decode([.sgrMouse] + characters("0;12;5M") + [.sgrMouse] + characters("32;12;6M")
                       + [.sgrMouse] + characters("0;12;6m") + characters("p")) ==
                [.mouse(MouseEvent(.press, .left, x: 11, y: 4)), .mouse(MouseEvent(.drag, .left, x: 11, y: 5)),
                 .mouse(MouseEvent(.release, .left, x: 11, y: 5)), .key(.character("p"))])
    }

    @Test func aReportWhoseIntroducerCameAsCharacters() {
        // curses gave up between ESC and [: the Escape is not a key of its own.
        #expect(decode(characters("\u{1B}[<2;3;4M")) == [.mouse(MouseEvent(.press, .right, x: 2, y: 3))])
    }

    @Test func aReportSplitAcrossReads() {
        var decoder = InputDecoder()
        #expect(decoder.feed(.sgrMouse) == [])
        #expect(decoder.feed(.character(0x30)) == [])
        #expect(decoder.isInSequence)
        #expect(characters(";7;8M").flatMap { decoder.feed($0) } == [.mouse(MouseEvent(.press, .left, x: 6, y: 7))])
        #expect(!decoder.isInSequence)
    }

    @Test func escapeAloneIsAKeyAfterTheTimeoutOrTheNextInput() {
        #expect(decode([.character(27), .timeout]) == [.key(.escape)])
        #expect(decode([.character(27), .character(0x71)]) == [.key(.escape), .key(.character("q"))])
        #expect(decode([.character(27), .key(.down)]) == [.key(.escape), .key(.down)])
        #expect(decode([.character(27), .character(27), .timeout]) == [.key(.escape), .key(.escape)])
    }

    @Test func badSequencesAreDroppedWithoutTurningIntoKeys() {
        // A report cut off by the timeout: its digits and the M that never came are not keys.
        #expect(decode([.sgrMouse] + characters("0;12") + [.timeout] + characters("q")) == [.key(.character("q"))])
        // Malformed and overlong reports: nothing at all (no "M", which would switch the pad's model).
        #expect(decode([.sgrMouse] + characters("0;1;2;3M")) == [])
        #expect(decode([.sgrMouse] + characters(String(repeating: "9", count: 5000) + ";1;1M")) == [])
        // Another control sequence (bracketed paste's start) is skipped to its final byte.
        #expect(decode(characters("\u{1B}[200~x")) == [.key(.character("x"))])
        // A legacy X10 report's three bytes ("  !": would be space, space, !) are skipped.
        #expect(decode([.x10Mouse] + characters("  !") + characters("p")) == [.key(.character("p"))])
        // A key curses decoded, or an Escape, in the middle of a report ends it and is kept.
        #expect(decode([.sgrMouse] + characters("0;1") + [.key(.left)]) == [.key(.left)])
        #expect(decode([.sgrMouse] + characters("0;1\u{1B}") + [.timeout]) == [.key(.escape)])
    }
}
