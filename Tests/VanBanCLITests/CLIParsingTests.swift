import ArgumentParser
import Testing
@testable import vanban

/// Issue 14: a synchronous command named first is parsed on its own (`DirectCommand`), skipping the
/// root's command tree and completion-script check; only a parse that succeeds is used, anything else
/// is parsed from the root as before. What must hold: whenever the direct parse succeeds, the root
/// parses the same arguments to the same command with the same values; and the direct commands are
/// exactly the root's synchronous subcommands.
@Suite struct CLIParsingTests {
    /// Argument lists for every direct command: valid ones, and the kinds of mistakes people make.
    let corpus: [[String]] = [
        [], ["a.json"], ["a.json", "-o", "b.pdf"], ["a.json", "--output", "b.pdf", "--quiet", "--strict"],
        ["-o", "b.pdf", "a.json"], ["a.json", "-o", "b.pdf", "--annexes", "separate", "--slots", "s.json", "--no-fields"],
        ["a.json", "-o", "b.pdf", "--annexes", "bad"], ["a.json", "-o", "b.pdf", "--lang", "vi", "--layouts", "x", "--layouts", "y"],
        ["a.json", "-o", "b.pdf", "--resources", "/r"], ["--help"], ["-h"], ["help"], ["--version"], ["a.json", "-o", "b.pdf", "--version"],
        ["--generate-completion-script", "bash"], ["a.json", "-o", "b.pdf", "--generate-completion-script"], ["--bogus"],
        ["a.json", "-o"], ["a", "b", "c"], ["--", "-x.json", "-o", "b.pdf"], ["a.json", "--out", "dir"], ["a.json", "--out", "dir", "--jobs", "2"],
        ["a.pdf", "-o", "b.pdf", "--type", "electronic"], ["a.pdf", "-o", "b.pdf", "--type", "paper", "--copies", "2"],
        ["--form", "f", "a.csv", "--out", "d"], ["--experimental-dump-help"], ["-o", "-", "-"], ["a.json", "-q", "-o", "b.pdf"],
    ]

    @Test func aDirectParseMeansTheSameAsTheRootParse() throws {
        var accepted = 0
        for name in ["render", "validate", "preview", "batch", "copy", "layouts", "forms"] {
            let type = try #require(DirectCommand.named(name))
            for args in corpus {
                guard let direct = try? type.parseAsRoot(args),
                      ObjectIdentifier(Swift.type(of: direct)) == ObjectIdentifier(type) else { continue }
                accepted += 1
                let root = try VanBan.parseAsRoot([name] + args)
                #expect(ObjectIdentifier(Swift.type(of: root)) == ObjectIdentifier(type), "\(name) \(args)")
                #expect(String(reflecting: root) == String(reflecting: direct), "\(name) \(args)")
            }
        }
        #expect(accepted >= 20)  // the corpus does exercise the direct path
        // The comparison sees the parsed values (a different output file reads differently).
        let one = String(reflecting: try Render.parseAsRoot(["a.json", "-o", "b.pdf"]))
        let other = String(reflecting: try Render.parseAsRoot(["a.json", "-o", "c.pdf"]))
        #expect(one.contains("b.pdf") && one != other)
    }

    @Test func theDirectCommandsAreTheRootsSynchronousSubcommands() {
        for sub in VanBan.configuration.subcommands {
            let isAsync = sub is any AsyncParsableCommand.Type
            let direct = DirectCommand.named(sub.configuration.commandName ?? "")
            #expect((direct != nil) == !isAsync, "\(sub)")
            if let direct { #expect(ObjectIdentifier(direct) == ObjectIdentifier(sub)) }
        }
        #expect(DirectCommand.named("serve") == nil && DirectCommand.named("help") == nil && DirectCommand.named("") == nil)
    }
}
