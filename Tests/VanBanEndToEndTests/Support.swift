import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The CLI built by `make test` (debug) — the tests run the real binary like a clerk would.
let vanbanBinary: String = {
    for config in ["debug", "release"] {
        let p = repositoryRoot + "/.build/\(config)/vanban"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return repositoryRoot + "/.build/debug/vanban"
}()

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data
}

/// Runs a program and collects its output (both pipes drained concurrently, so large output cannot deadlock).
/// `directory`, when given, is the program's working folder.
func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, in directory: String? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Drain stderr on another thread while reading stdout here.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
}

func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "vanban-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Collapses every run of whitespace to one space: line breaks in the PDF are layout, not text.
func collapsed(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

var sampleFiles: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Samples")) ?? [])
        .filter { $0.hasSuffix(".json") && !$0.hasPrefix("batch-") }.sorted()
}
