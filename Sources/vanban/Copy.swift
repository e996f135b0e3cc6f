import ArgumentParser
import Foundation
import VanBanModel
import VanBanPipeline

/// `vanban copy ORIGINAL.pdf --payload COPY.json -o COPY.pdf`: an electronic copy (Mẫu 3.2) or a paper one (Mẫu 3.1).
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", _superCommandName: DirectCommand.superCommand,
        abstract: "Make a copy (sao y / sao lục / trích sao) of a PDF: electronic (Mẫu 3.2), the copy line at the top right of its first page; paper (Mẫu 3.1), the copy block under the last page's content. One incremental update: the original's bytes untouched.")
    @Argument(help: "The original PDF.") var original: String
    @Option(help: "The copy payload JSON: form, medium, issuer, number and symbol, signed_at, pages (for trich_sao); for paper also issuer_parent, place, date, signer, cc, top_mm.") var payload: String
    @Option(name: .shortAndLong, help: "The copy PDF.") var output: String
    @Flag(name: .shortAndLong, help: "Print nothing on success.") var quiet = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        try runReportingErrors {
            let engine = try common.engine()
            let json = try readJSONFile(payload)
            let bytes = try readInput(original)
            let result: CopyMaker.Result
            do { result = try CopyMaker.make(original: bytes, payload: json, engine: engine) } catch let e as PipelineError {
                throw PipelineError(Message("copy.original", original, e.description))
            }
            try AtomicFile.write(result.pdf, to: output)
            if !quiet {
                print("\(result.payload.form.title) -> \(output) (page \(result.pageIndex + 1): \(result.lines.joined(separator: " ")))")
            }
        }
    }
}
