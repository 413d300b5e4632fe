#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A `--responses` folder the server cannot read is an error, never an empty set of scripts: what a host
/// folder mounted into the image (uid 65532) with mode 0700 gives.
@Suite(.serialized) struct ResponsesDirectoryProcessTests {
    /// Dropping to another user needs root and util-linux's setpriv, as in CI and the image's build.
    static let canDropPrivileges = getuid() == 0 && access("/usr/bin/setpriv", X_OK) == 0

    /// A folder only root may read, holding one valid script.
    static func lockedFolder() throws -> String {
        var template = Array("/tmp/fireworks-mock-locked-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw RawClient.Failure(description: "mkdtemp failed") }
        let folder = String(cString: made)
        let file = fopen(folder + "/greet.yaml", "w")
        fputs("name: greet\nreply: {text: hi}\n", file)
        fclose(file)
        chmod(folder, 0o700)
        return folder
    }

    static func asNobody(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(arguments, launcher: ["/usr/bin/setpriv", "--reuid=65532", "--regid=65532", "--clear-groups"])
    }

    @Test(.enabled(if: canDropPrivileges)) func check_andServe_refuseAFolderTheyCannotRead() async throws {
        let folder = try Self.lockedFolder()
        defer {
            unlink(folder + "/greet.yaml")
            rmdir(folder)
        }
        let check = try Self.asNobody(["check", folder])
        #expect(await check.exitCode(within: .seconds(5)) == 1)
        #expect(check.standardError.contains("\(folder): cannot be read (permission denied for this user)"))
        #expect(!check.standardOutput.contains("OK"))

        let serve = try Self.asNobody(["--port", "0", "--responses", folder])
        #expect(await serve.exitCode(within: .seconds(5)) == 1)
        #expect(serve.standardError.contains("\(folder): cannot be read (permission denied for this user)"))
        #expect(serve.standardOutput.isEmpty)
    }

    @Test func check_namesAFolderThatDoesNotExist() async throws {
        let check = try ChildProcess(["check", "/no/such/folder"])
        #expect(await check.exitCode(within: .seconds(5)) == 1)
        #expect(check.standardError.contains("/no/such/folder: does not exist"))
    }
}
