import MockTLS
import NIOSSL
import Testing
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The test CA and its leaf: names, lifetime, and a chain a verifier accepts for each name.
@Suite struct SelfSignedAuthorityTests {
    @Test func leaf_verifiesAgainstTheAuthority_forEachName() async throws {
        let authority = try SelfSignedAuthority()
        for (name, ip) in [("localhost", nil), (nil, "127.0.0.1"), (nil, "::1")] as [(String?, String?)] {
            var verifier = Verifier(rootCertificates: CertificateStore([authority.certificateAuthority])) {
                RFC5280Policy(validationTime: Date())
                ServerIdentityPolicy(serverHostname: name, serverIP: ip)
            }
            let result = await verifier.validate(leaf: authority.leaf, intermediates: CertificateStore())
            guard case .validCertificate = result else {
                Issue.record("not valid for \(name ?? ip ?? ""): \(result)")
                continue
            }
        }
    }

    @Test func leaf_isNotValidForOtherNames() async throws {
        let authority = try SelfSignedAuthority()
        var verifier = Verifier(rootCertificates: CertificateStore([authority.certificateAuthority])) {
            RFC5280Policy(validationTime: Date())
            ServerIdentityPolicy(serverHostname: "example.com", serverIP: "10.0.0.1")
        }
        guard case .couldNotValidate = await verifier.validate(leaf: authority.leaf, intermediates: CertificateStore()) else {
            Issue.record("the leaf was accepted for a name it does not carry")
            return
        }
    }

    @Test func lifetime_isShortAndDocumented() throws {
        let now = Date()
        let authority = try SelfSignedAuthority(now: now)
        #expect(SelfSignedAuthority.lifetime == .seconds(86_400))
        // Certificates keep whole seconds.
        #expect(abs(authority.leaf.notValidAfter.timeIntervalSince(now) - 86_400) < 1)
        #expect(authority.leaf.notValidBefore < now)
        #expect(try authority.leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try authority.certificateAuthority.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
    }

    @Test func authorities_areFreshEachTime() throws {
        #expect(try SelfSignedAuthority().certificateAuthority != SelfSignedAuthority().certificateAuthority)
    }

    @Test func authorityPEM_isReadByNIOSSL() throws {
        let pem = try SelfSignedAuthority().certificateAuthorityPEM()
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)).count == 1)
    }
}
