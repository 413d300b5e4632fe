import MockCLI

await FireworksMockCommand.start()
