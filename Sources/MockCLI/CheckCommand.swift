import ArgumentParser
import MockEngine

/// `fireworks-mock check DIR`: validate script files without serving. Prints one line per problem
/// (`file: script 'name': field: problem`) and exits 1 when any is an error; warnings alone exit 0.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the script files of a directory and report every problem."
    )

    @Argument(help: "The directory to check.")
    var directory: String = "responses"

    public init() {}

    public func run() throws {
        let result = ScriptLoader.load(directory: self.directory)
        for problem in result.problems { Console.error(problem.description) }
        if !result.errors.isEmpty {
            Console.error("\(result.errors.count) error(s), \(result.warnings.count) warning(s) in \(self.directory)")
            throw ExitCode(1)
        }
        Console.out("\(self.directory): \(result.scripts.count) script(s) OK, \(result.warnings.count) warning(s)")
    }
}
