import ArgumentParser
import MessagesAPI

/// The `fireworks-mock` command: `serve` (the default), `check`, `healthcheck`, `probe`.
public struct FireworksMockCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fireworks-mock",
        abstract: "A mock of Fireworks' Anthropic-compatible Messages API (POST /inference/v1/messages).",
        version: fireworksMockVersion,
        subcommands: [ServeCommand.self, CheckCommand.self, HealthcheckCommand.self, ProbeCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    public init() {}

    /// Parses the process arguments and runs the chosen command; the executable's entry point.
    public static func start() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] {
            Console.out(self.topLevelHelp)
            return
        }
        // Without a command name the arguments go to `serve`, which would refuse a flag of the top command.
        if arguments == ["--version"] {
            Console.out(fireworksMockVersion)
            return
        }
        await self.main()
    }

    /// `fireworks-mock --help`: the commands, then everything `serve --help` says after its overview: `serve` is the
    /// command that runs without a name, so its options are what a user looks for.
    static var topLevelHelp: String {
        let serve = Self.helpMessage(for: ServeCommand.self, columns: nil)
        let details = serve.split(separator: "\n\n", maxSplits: 1).last.map(String.init) ?? serve
        return self.helpMessage(columns: nil).trimmingWhitespace()
            + "\n\nSERVE, THE DEFAULT COMMAND: fireworks-mock [serve] [options]\n\n" + details.trimmingWhitespace()
    }
}
