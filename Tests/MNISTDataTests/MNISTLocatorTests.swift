import Foundation
import LeNetFormats
import TestSupport
import Testing
@testable import MNISTData

@Suite struct MNISTLocatorTests {
    /// A temp tree: `repo/assets/mnist` (with a labels file), `repo/.build/x86_64-unknown-linux-gnu/release/lenet-tui`,
    /// `env/` (with a labels file), `work/` (no data) and `work2/assets/mnist` (with data).
    final class Tree {
        let dir: TemporaryDirectory
        init() throws {
            dir = try TemporaryDirectory()
            let labels = Gzip.compress(SyntheticSet().labelsFile)
            try dir.write(labels, to: "repo/assets/mnist/t10k-labels-idx1-ubyte.gz")
            try dir.write([0x7f], to: "repo/.build/x86_64-unknown-linux-gnu/release/lenet-tui")
            try dir.write(labels, to: "env/train-labels.idx1-ubyte")
            try dir.makeDirectory("work")
            try dir.write(labels, to: "work2/assets/mnist/train-images-idx3-ubyte")
            try dir.makeDirectory("emptydata")
        }
        func url(_ name: String) -> URL { dir.url.appendingPathComponent(name) }
        var executable: URL { url("repo/.build/x86_64-unknown-linux-gnu/release/lenet-tui") }
    }

    @Test func dataFlagComesFirstAndHasNoFallback() throws {
        let tree = try Tree()
        let env = ["LENET_DATA": tree.url("env").path]
        #expect(try MNISTLocator.locate(dataFlag: tree.url("emptydata").path, environment: env,
                                        currentDirectory: tree.url("work2"), executableURL: tree.executable)
            == tree.url("emptydata").standardizedFileURL)
        // Relative to the current directory.
        #expect(try MNISTLocator.locate(dataFlag: "../env", environment: [:], currentDirectory: tree.url("work"),
                                        executableURL: nil).path == tree.url("env").path)
        #expect(errorText { try MNISTLocator.locate(dataFlag: "missing", environment: env,
                                                     currentDirectory: tree.url("work2"), executableURL: tree.executable) }
            == "--data \(tree.url("work2/missing").path): no such directory")
        #expect(errorText { try MNISTLocator.locate(dataFlag: tree.executable.path, environment: env,
                                                     currentDirectory: tree.url("work2"), executableURL: nil) }
            == "--data \(tree.executable.path): not a directory")
    }

    @Test func environmentBeforeCurrentDirectory() throws {
        let tree = try Tree()
        #expect(try MNISTLocator.locate(dataFlag: nil, environment: ["LENET_DATA": tree.url("env").path],
                                        currentDirectory: tree.url("work2"), executableURL: tree.executable).path
            == tree.url("env").path)
    }

    @Test func currentDirectoryBeforeExecutable() throws {
        let tree = try Tree()
        #expect(try MNISTLocator.locate(dataFlag: nil, environment: ["LENET_DATA": ""],
                                        currentDirectory: tree.url("work2"), executableURL: tree.executable).path
            == tree.url("work2/assets/mnist").path)
    }

    @Test func walksUpFromTheExecutable() throws {
        let tree = try Tree()
        #expect(try MNISTLocator.locate(dataFlag: nil, environment: [:],
                                        currentDirectory: tree.url("work"), executableURL: tree.executable).path
            == tree.url("repo/assets/mnist").path)
        // LENET_DATA set to a directory without MNIST files is an error, not silently passed over.
        let empty = tree.url("emptydata").path
        #expect(errorText { try MNISTLocator.locate(dataFlag: nil, environment: ["LENET_DATA": empty],
                                                    currentDirectory: tree.url("work"), executableURL: tree.executable) }
            == "LENET_DATA=\(empty): no MNIST files in it; unset it or point it at a directory with the MNIST IDX files")
        #expect(errorText { try MNISTLocator.locate(dataFlag: nil, environment: ["LENET_DATA": "/nowhere/at/all"],
                                                    currentDirectory: tree.url("work"), executableURL: tree.executable) }
            == "LENET_DATA=/nowhere/at/all: no such directory; unset it or point it at a directory with the MNIST IDX files")
    }

    @Test func executableCandidatesNearestFirst() {
        let urls = MNISTLocator.executableCandidates(URL(fileURLWithPath: "/r/.build/x86_64-unknown-linux-gnu/release/lenet-tui"))
        #expect(urls.map(\.path) == ["/r/.build/x86_64-unknown-linux-gnu/release/assets/mnist",
                                     "/r/.build/x86_64-unknown-linux-gnu/assets/mnist", "/r/.build/assets/mnist",
                                     "/r/assets/mnist", "/assets/mnist"])
        #expect(MNISTLocator.executableCandidates(URL(fileURLWithPath: "/a/b/c/d/e/f/g/h/tool")).count == 6)
        #expect(MNISTLocator.executableCandidates(nil).isEmpty)
    }

    @Test func notFoundListsEveryPlaceOnOneLine() throws {
        let tree = try Tree()
        let exe = try tree.dir.write([1], to: "a/b/c/d/e/f/bin/tool")
        let root = tree.dir.url.path
        let text = errorText {
            try MNISTLocator.locate(dataFlag: nil, environment: [:],
                                    currentDirectory: tree.url("work"), executableURL: exe)
        }
        #expect(text == "MNIST data not found; looked in: LENET_DATA (not set), \(root)/work/assets/mnist (missing), "
            + "\(root)/a/b/c/d/e/f/bin/assets/mnist (missing), \(root)/a/b/c/d/e/f/assets/mnist (missing), "
            + "\(root)/a/b/c/d/e/assets/mnist (missing), \(root)/a/b/c/d/assets/mnist (missing), "
            + "\(root)/a/b/c/assets/mnist (missing), \(root)/a/b/assets/mnist (missing); pass --data DIR or set LENET_DATA")
        #expect(text?.contains("\n") == false)

        try tree.dir.write([1], to: "work/assets/mnist")  // a file, not a directory
        #expect(errorText {
            try MNISTLocator.locate(dataFlag: nil, environment: [:], currentDirectory: tree.url("work"), executableURL: nil)
        } == "MNIST data not found; looked in: LENET_DATA (not set), \(root)/work/assets/mnist (not a directory), "
            + "the executable's directory (unknown); pass --data DIR or set LENET_DATA")

        #expect(errorText {
            try MNISTLocator.locate(dataFlag: nil, environment: ["LENET_DATA": "../emptydata"],
                                    currentDirectory: tree.url("work"), executableURL: nil)
        } == "LENET_DATA=\(root)/emptydata: no MNIST files in it; unset it or point it at a directory with the MNIST IDX files")
    }
}
