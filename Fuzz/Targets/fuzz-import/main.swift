#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzSupport
import TrustGraphCore

// Files for `import`: the input is written to a temporary file and read as a
// CycloneDX JSON document, then as a DORA package (a ZIP archive). Both readers
// check sizes, nesting and names themselves; errors are expected, a crash or a
// hang is a finding.
var template = Array("/tmp/trustgraph-fuzz-XXXXXX".utf8CString)
let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
precondition(fd >= 0, "cannot make a temporary file")
close(fd)
let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
unlink(path)
let json = path + ".json", zip = path + ".zip"
atexit { unlink(json); unlink(zip) }

func write(_ bytes: [UInt8], to file: String) {
    let out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard out >= 0 else { return }
    _ = bytes.withUnsafeBytes { Glibc.write(out, $0.baseAddress, $0.count) }
    close(out)
}

fuzz { bytes in
    write(bytes, to: json)
    _ = try? CycloneDXBOM.importDocuments([json])
    write(bytes, to: zip)
    _ = try? DORARegister.importPackages([zip])
}
