// A synchronous benchmark driver for `make bench`: the same pipeline calls as `vanban batch`
// (BatchInput.fromJSONFile, then BatchRunner with one job), without the async CLI, so valgrind can count it.
//
//     vanban-bench BATCH.json OUTDIR [JOBS]     renders every document of the batch into OUTDIR
import Foundation
import VanBanPipeline

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: vanban-bench BATCH.json OUTDIR [JOBS]\n".utf8))
    exit(64)
}
do {
    let engine = try Engine(resources: Resources.locate())
    let (documents, _) = try BatchInput.fromJSONFile(args[1]) {
        guard let data = FileManager.default.contents(atPath: args[1]) else { throw PipelineError("cannot read \(args[1])") }
        return Array(data)
    }
    let jobs = args.count > 3 ? Int(args[3]) ?? 1 : 1
    let entries = try BatchRunner(engine: engine).run(documents, options: BatchOptions(outputDirectory: args[2], jobs: jobs))
    let failed = entries.filter { $0.status != "ok" }
    if !failed.isEmpty {
        FileHandle.standardError.write(Data("\(failed.count) documents failed: \(failed[0].error ?? "")\n".utf8))
        exit(1)
    }
} catch {
    FileHandle.standardError.write(Data("vanban-bench: \(error)\n".utf8))
    exit(1)
}
